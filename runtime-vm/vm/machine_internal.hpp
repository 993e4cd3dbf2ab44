// Pieces shared by the machine and its interpreter, private to the VM.
#pragma once

#include <cstdint>
#include <cstring>

#include "vcc/vm/layout.hpp"
#include "syscall_semantics.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::vm {


struct Interpreter {
  static StopReason run(Machine& machine, uint64_t stepLimit);
};

// Reads a naturally aligned T at a checked guest address.
template <class T> inline T loadFrom(uint8_t* const* pages, uint64_t address) {
  T value;
  std::memcpy(&value, pages[address >> kPageShift] + (address & (kPageSize - 1)), sizeof(T));
  return value;
}

// Decoded pages kept at most; past this the cache is emptied and refilled.
inline constexpr size_t kMaxDecodedPages = 8192;

}  // namespace vcc::vm
