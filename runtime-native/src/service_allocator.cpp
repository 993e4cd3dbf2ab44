// The native half of the service heap (docs/guest-runtime.md, "Heap"):
// malloc and its relatives, and through them libc++'s operator new, serve
// the service from the same allocator as the RISC-V image
// (runtime-vm/guest/src/service_heap.c) over an arena of the same size,
// 2 GiB, placed at a 1 GiB boundary as the image's heap is. So a service's
// allocations get the same offsets, return zero-filled memory and fail at
// the same request on both targets.
//
// The native runtime's own allocations (options, the request file, the
// thread pool, stdio) must not shift the service's: they go to glibc's
// allocator while the process is in "runtime" mode. The mode is "service"
// from the first constructor (so the service's static initializers
// allocate from the arena, as in the image) until main() starts, and again
// while main serves the request (ServiceHeapScope). free() and realloc()
// follow the block's address, whichever mode allocated it.
//
// Only in the libc++ build of the runtime, which services link: test and
// benchmark programs keep glibc's malloc. Not under AddressSanitizer, whose
// runtime owns malloc (a VCC_SANITIZE build checks memory safety, not the
// service heap's semantics).
#include "service_allocator.hpp"

#include "service_heap.h"  // runtime-vm/guest/src: the image's allocator

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

extern "C" {
// Defined only by fuzz_main.cpp.
extern const int vcc_fuzzing_in_process __attribute__((weak));
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* pointer);
}

namespace vcc::native {
namespace {

constexpr size_t kArenaAlignment = size_t{1} << 30;

// Read by every thread that allocates (pool workers during a kernel), set by
// the thread that serves the request.
std::atomic<bool> serviceMode{false};
std::atomic<bool> arenaReady{false};
void* arenaBase = nullptr;
std::mutex heapMutex;  // kernels on the thread pool may allocate at once

// Reserves 3 GiB of address space (nothing is committed until touched) and
// keeps the 1 GiB-aligned 2 GiB inside it.
void initializeArena() {
  size_t reserve = VCC_SERVICE_HEAP_BYTES + kArenaAlignment;
  void* mapped = ::mmap(nullptr, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) {
    static const char message[] = "vcc: cannot reserve the 2 GiB service heap (3 GiB of address space; ulimit -v?)\n";
    [[maybe_unused]] ssize_t ignored = ::write(2, message, sizeof message - 1);
    ::_exit(kExitHostMemory);
  }
  uintptr_t base = (reinterpret_cast<uintptr_t>(mapped) + kArenaAlignment - 1) & ~(kArenaAlignment - 1);
  arenaBase = reinterpret_cast<void*>(base);
  vcc_heap_init(arenaBase, VCC_SERVICE_HEAP_BYTES);
  arenaReady = true;
}

[[maybe_unused]] bool inArena(const void* pointer) { return arenaReady && vcc_heap_contains(pointer); }

template <class Allocate> [[maybe_unused]] void* serviceAllocate(Allocate allocate) {
  std::lock_guard lock(heapMutex);
  if (!arenaReady) initializeArena();
  void* pointer = allocate();
  if (pointer == nullptr) errno = ENOMEM;
  return pointer;
}

// The first constructor to run: the service's static initializers follow.
// Not in the in-process fuzzer (fuzz_main.cpp), whose libFuzzer allocates
// in its own constructors and whose service heap restarts for every input.
__attribute__((constructor(101))) void enterServiceModeForConstructors() {
  if (&vcc_fuzzing_in_process == nullptr) serviceMode = true;
}

}  // namespace

void setServiceHeapMode(bool service) { serviceMode = service; }

void restartServiceHeap() {
  std::lock_guard lock(heapMutex);
  if (!arenaReady) return initializeArena();
  // Every page handed out so far reads zero again, as the service heap's
  // high-water mark promises, without giving up the reservation.
  void* base = arenaBase;
  size_t touched = (vcc_heap_touched_bytes() + 4095) & ~size_t{4095};
  if (touched != 0) ::madvise(base, touched, MADV_DONTNEED);
  vcc_heap_init(base, VCC_SERVICE_HEAP_BYTES);
}

}  // namespace vcc::native

using vcc::native::inArena;
using vcc::native::serviceAllocate;
using vcc::native::serviceMode;

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VCC_SERVICE_HEAP_REPLACES_MALLOC 0
#endif
#endif
#ifndef VCC_SERVICE_HEAP_REPLACES_MALLOC
#define VCC_SERVICE_HEAP_REPLACES_MALLOC 1
#endif

#if VCC_SERVICE_HEAP_REPLACES_MALLOC
extern "C" {

void* malloc(size_t size) {
  if (!serviceMode) return __libc_malloc(size);
  return serviceAllocate([&] { return vcc_heap_malloc(size); });
}

void* calloc(size_t count, size_t size) {
  if (!serviceMode) return __libc_calloc(count, size);
  return serviceAllocate([&] { return vcc_heap_calloc(count, size); });
}

void* realloc(void* pointer, size_t size) {
  if (pointer == nullptr) return malloc(size);
  if (!inArena(pointer)) return __libc_realloc(pointer, size);
  return serviceAllocate([&] { return vcc_heap_realloc(pointer, size); });
}

void free(void* pointer) {
  if (pointer == nullptr) return;
  if (!inArena(pointer)) return __libc_free(pointer);
  std::lock_guard lock(vcc::native::heapMutex);
  vcc_heap_free(pointer);
}

void* aligned_alloc(size_t alignment, size_t size) {
  if (!serviceMode) return __libc_memalign(alignment, size);
  return serviceAllocate([&] { return vcc_heap_aligned_alloc(alignment, size); });
}

void* memalign(size_t alignment, size_t size) { return aligned_alloc(alignment, size); }

int posix_memalign(void** out, size_t alignment, size_t size) {
  if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* pointer = aligned_alloc(alignment, size);
  if (pointer == nullptr) return ENOMEM;
  *out = pointer;
  return 0;
}

void* valloc(size_t size) { return aligned_alloc(static_cast<size_t>(::sysconf(_SC_PAGESIZE)), size); }

size_t malloc_usable_size(void* pointer) {
  if (pointer == nullptr) return 0;
  if (!inArena(pointer)) {
    using UsableSize = size_t (*)(void*);
    static auto glibcUsableSize = reinterpret_cast<UsableSize>(::dlsym(RTLD_NEXT, "malloc_usable_size"));
    return glibcUsableSize ? glibcUsableSize(pointer) : 0;
  }
  std::lock_guard lock(vcc::native::heapMutex);
  return vcc_heap_usable_size(pointer);
}

}  // extern "C"
#endif  // VCC_SERVICE_HEAP_REPLACES_MALLOC
