/* The service heap: one allocator, compiled into the RISC-V image (over the
 * linker script's heap, [__heap_start, __heap_end)) and into the native
 * binary (over an arena of the same size), so that a service's allocations
 * land at the same offsets, fail at the same request, and read zero where
 * nothing was written, on both targets (docs/guest-runtime.md, "Heap").
 *
 * Boundary-tag chunks with exact-size bins for small chunks, power-of-two
 * bins for large ones (first fit within a bin, smallest bin first),
 * coalescing with free neighbours, and a top chunk that grows toward the
 * arena's end. Every decision depends only on the sequence of calls, never
 * on addresses, so the arena's base may differ between targets.
 *
 * Every block is returned zero-filled. Memory above the high-water mark has
 * never been written (the VM's and mmap's pages start zero), so only memory
 * that was handed out before is cleared. */
#include "service_heap.h"

#include <string.h>

enum {
  kAlign = 16,          /* every payload is 16-byte aligned (max_align_t) */
  kHeader = 16,         /* prev_size, size|flags */
  kMinChunk = 32,       /* header + room for the two free-list links */
  kSmallBins = 64,      /* chunks of 32, 48, ..., 1040 bytes: one bin each */
  kSmallLimit = kMinChunk + (kSmallBins - 1) * kAlign,
  kLargeBins = 40,      /* chunks above kSmallLimit, by power of two */
};

#define IN_USE ((size_t)1)
#define PREVIOUS_IN_USE ((size_t)2)
#define FLAGS (IN_USE | PREVIOUS_IN_USE)

typedef struct Chunk {
  size_t previousSize; /* valid while the previous chunk is free */
  size_t sizeAndFlags;
  struct Chunk* next; /* free chunks only: the bin's list */
  struct Chunk* previous;
} Chunk;

static struct {
  unsigned char* base;
  unsigned char* end;
  unsigned char* top;       /* start of the top chunk: never allocated yet, or given back */
  unsigned char* highWater; /* nothing at or above it was ever handed out */
  Chunk* bins[kSmallBins + kLargeBins];
} heap;

static size_t chunkSize(const Chunk* chunk) { return chunk->sizeAndFlags & ~FLAGS; }
static Chunk* chunkAt(void* address) { return (Chunk*)address; }
static Chunk* nextChunk(Chunk* chunk) { return chunkAt((unsigned char*)chunk + chunkSize(chunk)); }
static void* payloadOf(Chunk* chunk) { return (unsigned char*)chunk + kHeader; }
static Chunk* chunkOf(void* payload) { return chunkAt((unsigned char*)payload - kHeader); }

static unsigned binIndex(size_t size) {
  if (size <= kSmallLimit) return (unsigned)((size - kMinChunk) / kAlign);
  unsigned log = 0;
  for (size_t s = size; s > 1; s >>= 1) ++log;
  unsigned index = kSmallBins + (log - 10); /* 1041..2047 -> first large bin */
  return index < kSmallBins + kLargeBins ? index : kSmallBins + kLargeBins - 1;
}

static void unlinkFree(Chunk* chunk) {
  if (chunk->previous) chunk->previous->next = chunk->next;
  else heap.bins[binIndex(chunkSize(chunk))] = chunk->next;
  if (chunk->next) chunk->next->previous = chunk->previous;
}

static void linkFree(Chunk* chunk) {
  Chunk** bin = &heap.bins[binIndex(chunkSize(chunk))];
  chunk->previous = NULL;
  chunk->next = *bin;
  if (*bin) (*bin)->previous = chunk;
  *bin = chunk;
}

/* Marks [chunk, chunk+size) free (size >= kMinChunk), records its size in
 * the next chunk's previousSize, and puts it in its bin. */
static void makeFree(Chunk* chunk, size_t size) {
  chunk->sizeAndFlags = size | (chunk->sizeAndFlags & PREVIOUS_IN_USE);
  Chunk* after = chunkAt((unsigned char*)chunk + size);
  if ((unsigned char*)after < heap.top) {
    after->previousSize = size;
    after->sizeAndFlags &= ~PREVIOUS_IN_USE;
  }
  linkFree(chunk);
}

static void setPreviousInUse(Chunk* chunk) {
  if ((unsigned char*)chunk < heap.top) chunk->sizeAndFlags |= PREVIOUS_IN_USE;
}

void vcc_heap_init(void* base, size_t size) {
  memset(&heap, 0, sizeof heap);
  uintptr_t start = ((uintptr_t)base + kAlign - 1) & ~(uintptr_t)(kAlign - 1);
  uintptr_t end = ((uintptr_t)base + size) & ~(uintptr_t)(kAlign - 1);
  heap.base = (unsigned char*)start;
  heap.end = (unsigned char*)(end > start ? end : start);
  heap.top = heap.base;
  heap.highWater = heap.base;
}

size_t vcc_heap_touched_bytes(void) { return (size_t)(heap.highWater - heap.base); }

int vcc_heap_contains(const void* pointer) {
  return (const unsigned char*)pointer >= heap.base && (const unsigned char*)pointer < heap.end;
}

/* The chunk size for a request, or 0 when it cannot be one. */
static size_t requestToSize(size_t request) {
  if (request > (size_t)1 << 62) return 0;
  size_t size = (request + kHeader + kAlign - 1) & ~(size_t)(kAlign - 1);
  return size < kMinChunk ? kMinChunk : size;
}

/* Zeroes what of [payload, payload+bytes) may have been handed out before. */
static void clearPayload(Chunk* chunk) {
  unsigned char* from = (unsigned char*)payloadOf(chunk);
  unsigned char* to = (unsigned char*)chunk + chunkSize(chunk);
  if (to > heap.highWater) {
    if (from < heap.highWater) memset(from, 0, (size_t)(heap.highWater - from));
    heap.highWater = to;
  } else {
    memset(from, 0, (size_t)(to - from));
  }
}

/* Takes `size` bytes from the front of free chunk `chunk` (unlinked),
 * returning the rest to a bin when it can be a chunk of its own. */
static Chunk* useChunk(Chunk* chunk, size_t size) {
  size_t available = chunkSize(chunk);
  if (available - size >= kMinChunk) {
    chunk->sizeAndFlags = size | IN_USE | (chunk->sizeAndFlags & PREVIOUS_IN_USE);
    Chunk* rest = chunkAt((unsigned char*)chunk + size);
    rest->sizeAndFlags = PREVIOUS_IN_USE;
    makeFree(rest, available - size);
  } else {
    chunk->sizeAndFlags |= IN_USE;
    setPreviousInUse(nextChunk(chunk));
  }
  return chunk;
}

static Chunk* allocateChunk(size_t size) {
  unsigned first = binIndex(size);
  for (unsigned bin = first; bin < kSmallBins + kLargeBins; ++bin) {
    for (Chunk* candidate = heap.bins[bin]; candidate; candidate = candidate->next) {
      if (chunkSize(candidate) >= size) {
        unlinkFree(candidate);
        return useChunk(candidate, size);
      }
      if (bin < kSmallBins) break; /* exact-size bin: every chunk is the same size */
    }
  }
  if ((size_t)(heap.end - heap.top) < size) return NULL;
  Chunk* chunk = chunkAt(heap.top);
  /* The chunk below the top is in use unless the top was given back to:
   * then the free chunk before it would have merged into the top. */
  chunk->sizeAndFlags = size | IN_USE | PREVIOUS_IN_USE;
  heap.top += size;
  return chunk;
}

void* vcc_heap_malloc(size_t request) {
  size_t size = requestToSize(request);
  if (size == 0) return NULL;
  Chunk* chunk = allocateChunk(size);
  if (chunk == NULL) return NULL;
  clearPayload(chunk);
  return payloadOf(chunk);
}

void* vcc_heap_calloc(size_t count, size_t size) {
  if (size != 0 && count > (size_t)-1 / size) return NULL;
  return vcc_heap_malloc(count * size); /* zero-filled already */
}

void vcc_heap_free(void* payload) {
  if (payload == NULL) return;
  Chunk* chunk = chunkOf(payload);
  size_t size = chunkSize(chunk);
  if (!(chunk->sizeAndFlags & PREVIOUS_IN_USE)) {
    Chunk* before = chunkAt((unsigned char*)chunk - chunk->previousSize);
    unlinkFree(before);
    size += chunkSize(before);
    chunk = before;
  }
  unsigned char* afterAddress = (unsigned char*)chunk + size;
  if (afterAddress == heap.top) {
    heap.top = (unsigned char*)chunk; /* back into the top chunk */
    return;
  }
  Chunk* after = chunkAt(afterAddress);
  if (!(after->sizeAndFlags & IN_USE)) {
    unlinkFree(after);
    size += chunkSize(after);
    if ((unsigned char*)chunk + size == heap.top) {
      heap.top = (unsigned char*)chunk;
      return;
    }
  }
  chunk->sizeAndFlags &= PREVIOUS_IN_USE;
  makeFree(chunk, size);
}

size_t vcc_heap_usable_size(void* payload) {
  return payload ? chunkSize(chunkOf(payload)) - kHeader : 0;
}

void* vcc_heap_realloc(void* payload, size_t request) {
  if (payload == NULL) return vcc_heap_malloc(request);
  if (request == 0) request = 1;
  size_t size = requestToSize(request);
  if (size == 0) return NULL;
  Chunk* chunk = chunkOf(payload);
  size_t have = chunkSize(chunk);
  if (size <= have) return payload; /* shrinking keeps the block */
  unsigned char* afterAddress = (unsigned char*)chunk + have;
  /* Growing in place into the top or a free neighbour. */
  if (afterAddress == heap.top && (size_t)(heap.end - heap.top) >= size - have) {
    heap.top += size - have;
    chunk->sizeAndFlags = size | (chunk->sizeAndFlags & FLAGS);
    unsigned char* fresh = afterAddress;
    if ((unsigned char*)chunk + size > heap.highWater) {
      if (fresh < heap.highWater) memset(fresh, 0, (size_t)(heap.highWater - fresh));
      heap.highWater = (unsigned char*)chunk + size;
    } else {
      memset(fresh, 0, size - have);
    }
    return payload;
  }
  void* moved = vcc_heap_malloc(request);
  if (moved == NULL) return NULL;
  memcpy(moved, payload, have - kHeader);
  vcc_heap_free(payload);
  return moved;
}

void* vcc_heap_aligned_alloc(size_t alignment, size_t request) {
  if (alignment <= kAlign) return vcc_heap_malloc(request);
  if (alignment & (alignment - 1)) return NULL;
  if (request > ((size_t)1 << 62) || alignment > ((size_t)1 << 40)) return NULL;
  /* Room for a leading free chunk of at least kMinChunk before the aligned payload. */
  unsigned char* raw = (unsigned char*)vcc_heap_malloc(request + alignment + kMinChunk);
  if (raw == NULL) return NULL;
  uintptr_t offset = (uintptr_t)(raw - heap.base);
  uintptr_t alignedOffset = (offset + kMinChunk + alignment - 1) & ~(uintptr_t)(alignment - 1);
  /* The arena's base is aligned to 1 GiB on both targets (the linker
   * script's heap start; the native arena is placed so), so an offset's
   * alignment is the address's. */
  unsigned char* aligned = heap.base + alignedOffset;
  Chunk* chunk = chunkOf(raw);
  Chunk* alignedChunk = chunkOf(aligned);
  size_t leading = (size_t)((unsigned char*)alignedChunk - (unsigned char*)chunk);
  size_t total = chunkSize(chunk);
  alignedChunk->sizeAndFlags = (total - leading) | IN_USE | PREVIOUS_IN_USE;
  chunk->sizeAndFlags = leading | IN_USE | (chunk->sizeAndFlags & PREVIOUS_IN_USE);
  vcc_heap_free(payloadOf(chunk)); /* the leading part, coalesced with what precedes it */
  return aligned;
}
