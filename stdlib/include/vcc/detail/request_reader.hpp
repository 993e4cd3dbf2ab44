// Reading the whole request into one malloc'ed buffer: 4 KiB first, then
// doubling with realloc. The same sequence of heap calls in the image
// (stdlib/src/guest_main.cpp, from the VM's fd 0) and natively
// (runtime-native/src/program_main.cpp, from the request file's bytes), so
// the service heap is in the same state when the service starts on both
// targets (docs/guest-runtime.md, "Heap").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace vcc::detail {

// `read(buffer, capacity)` fills the buffer unless the request ends first
// and returns the count. Returns nullptr when the heap is exhausted.
template <class Read> uint8_t* readWholeRequest(Read read, size_t& size) {
  size_t capacity = 4096;
  size_t used = 0;
  auto* buffer = static_cast<uint8_t*>(std::malloc(capacity));
  if (buffer == nullptr) return nullptr;
  for (;;) {
    used += read(buffer + used, capacity - used);
    if (used < capacity) break;
    auto* bigger = static_cast<uint8_t*>(std::realloc(buffer, capacity * 2));
    if (bigger == nullptr) {
      std::free(buffer);
      return nullptr;
    }
    buffer = bigger;
    capacity *= 2;
  }
  size = used;
  return buffer;
}

}  // namespace vcc::detail
