// The few non-template pieces of libc++ that its headers call but that live
// in libc++.so on a host. The guest links no libc++ library (its
// __config_site describes a single-threaded, exception-free, locale-free
// target), so the runtime provides them, with libc++'s observable behaviour.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <__verbose_abort>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>

#include "runtime_internal.h"

_LIBCPP_BEGIN_NAMESPACE_STD

// Where libc++ reports a failed hardening assertion or an exception thrown
// in -fno-exceptions mode: the message goes to the debug log, then ebreak.
void __libcpp_verbose_abort(const char* format, ...) {
  char message[512];
  va_list args;
  va_start(args, format);
  int length = vsnprintf(message, sizeof message - 1, format, args);
  va_end(args);
  if (length < 0) length = 0;
  size_t used = strlen(message);
  if (used == 0 || message[used - 1] != '\n') {
    message[used] = '\n';
    message[used + 1] = '\0';
  }
  __vcc_trap(message);
}

// shared_ptr's control block (single thread: plain counters).
__shared_count::~__shared_count() {}
__shared_weak_count::~__shared_weak_count() {}

void __shared_weak_count::__release_weak() noexcept {
  if (__shared_weak_owners_ == 0) {
    // The last weak reference: no other thread can be adding one.
    __on_zero_shared_weak();
  } else if (--__shared_weak_owners_ == -1) {
    __on_zero_shared_weak();
  }
}

__shared_weak_count* __shared_weak_count::lock() noexcept {
  if (__shared_owners_ == -1) return nullptr;
  ++__shared_owners_;
  return this;
}

const void* __shared_weak_count::__get_deleter(const type_info&) const noexcept { return nullptr; }

void* align(size_t alignment, size_t size, void*& ptr, size_t& space) {
  if (size > space) return nullptr;
  auto address = reinterpret_cast<uintptr_t>(ptr);
  uintptr_t aligned = (address + alignment - 1) & ~(uintptr_t{alignment} - 1);
  size_t padding = aligned - address;
  if (padding > space - size) return nullptr;
  space -= padding;
  ptr = reinterpret_cast<void*>(aligned);
  return ptr;
}

// The bucket counts of unordered containers: the smallest prime >= n (and
// 0 for 0), as libc++ computes them, so bucket_count() matches a host that
// uses libc++.
size_t __next_prime(size_t n) {
  if (n > 0xFFFFFFFFFFFFFFC5ull) __throw_overflow_error("__next_prime overflow");
  if (n == 0) return 0;
  if (n <= 2) return 2;
  if (n % 2 == 0) ++n;
  for (;; n += 2) {
    bool prime = n % 3 != 0 || n == 3;
    for (size_t d = 5; prime && d <= n / d; d += 6)
      prime = n % d != 0 && n % (d + 2) != 0;
    if (prime) return n;
  }
}

_LIBCPP_END_NAMESPACE_STD
