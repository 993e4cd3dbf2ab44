// operator new and delete, every standard overload, over picolibc's malloc.
//
// Throwing forms: call the new_handler while one is installed, then end the
// program with VCC_EXIT_OUT_OF_MEMORY (there are no exceptions to throw).
// Nothrow forms return nullptr. Images are built with -fnew-alignment=16,
// the alignment the service heap (service_heap.c) guarantees, as natively;
// stricter alignments take the align_val_t overloads, served by
// aligned_alloc.
#include <stdlib.h>

#include <new>

#include "runtime_internal.h"

namespace {

std::new_handler installedHandler = nullptr;

void* allocate(std::size_t size) noexcept { return malloc(size == 0 ? 1 : size); }

void* allocateAligned(std::size_t size, std::align_val_t alignment) noexcept {
  std::size_t align = static_cast<std::size_t>(alignment);
  if (align < sizeof(void*)) align = sizeof(void*);
  if (size == 0) size = 1;
  // aligned_alloc wants a multiple of the alignment.
  std::size_t rounded = (size + align - 1) & ~(align - 1);
  if (rounded < size) return nullptr;
  return aligned_alloc(align, rounded);
}

template <class Allocate>
void* allocateOrExit(std::size_t size, Allocate allocateOnce) {
  for (;;) {
    if (void* p = allocateOnce()) return p;
    std::new_handler handler = installedHandler;
    if (!handler) __vcc_out_of_memory(size);
    handler();
  }
}

}  // namespace

namespace std {
const nothrow_t nothrow{};

new_handler set_new_handler(new_handler handler) noexcept {
  new_handler previous = installedHandler;
  installedHandler = handler;
  return previous;
}
new_handler get_new_handler() noexcept { return installedHandler; }
}  // namespace std

void* operator new(std::size_t size) {
  return allocateOrExit(size, [&] { return allocate(size); });
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }

void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocateOrExit(size, [&] { return allocateAligned(size, alignment); });
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return ::operator new(size, alignment);
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocateAligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return allocateAligned(size, alignment);
}

void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { free(p); }
void operator delete(void* p, std::size_t) noexcept { free(p); }
void operator delete[](void* p, std::size_t) noexcept { free(p); }
void operator delete(void* p, std::align_val_t) noexcept { free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { free(p); }
