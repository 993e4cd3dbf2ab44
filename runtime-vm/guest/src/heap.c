/* The C allocation functions over the service heap (service_heap.c), whose
 * arena is the linker script's heap, [__heap_start, __heap_end): 2 GiB,
 * the same size and the same allocator as the native binary's, so running
 * out of memory happens at the same allocation on both. C's malloc returns
 * NULL then, as the standard says; operator new and vcc_read_request_all
 * turn that into the out-of-memory exit (__vcc_out_of_memory, fail.c).
 * Every block comes back zero-filled. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "runtime_internal.h"
#include "service_heap.h"

static int heapReady;

static void ensureHeap(void) {
  if (!heapReady) {
    vcc_heap_init((void*)__vcc_layout[0], (size_t)(__vcc_layout[1] - __vcc_layout[0]));
    heapReady = 1;
  }
}

static void* orNoMemory(void* pointer) {
  if (pointer == NULL) errno = ENOMEM;
  return pointer;
}

void* malloc(size_t size) {
  ensureHeap();
  return orNoMemory(vcc_heap_malloc(size));
}

void* calloc(size_t count, size_t size) {
  ensureHeap();
  return orNoMemory(vcc_heap_calloc(count, size));
}

void* realloc(void* pointer, size_t size) {
  ensureHeap();
  return orNoMemory(vcc_heap_realloc(pointer, size));
}

void free(void* pointer) { vcc_heap_free(pointer); }

void* aligned_alloc(size_t alignment, size_t size) {
  ensureHeap();
  return orNoMemory(vcc_heap_aligned_alloc(alignment, size));
}

void* memalign(size_t alignment, size_t size) { return aligned_alloc(alignment, size); }

int posix_memalign(void** out, size_t alignment, size_t size) {
  if (alignment < sizeof(void*) || (alignment & (alignment - 1))) return EINVAL;
  void* pointer = aligned_alloc(alignment, size);
  if (pointer == NULL) return ENOMEM;
  *out = pointer;
  return 0;
}

size_t malloc_usable_size(void* pointer) { return vcc_heap_usable_size(pointer); }
