// Fixed facts of the guest address space (SPEC §3.1), shared by the VM,
// the ELF loader and the state commitment.
#pragma once

#include <cstdint>

namespace vcc::vm {

inline constexpr uint64_t kMemorySize = uint64_t{1} << 32;   // guest memory is [0, 2^32)
inline constexpr uint64_t kNullGuardEnd = 0x10000;            // [0, 0x10000) always traps
inline constexpr uint64_t kPageShift = 12;
inline constexpr uint64_t kPageSize = uint64_t{1} << kPageShift;
inline constexpr uint64_t kPageCount = kMemorySize >> kPageShift;  // 2^20 pages
inline constexpr uint64_t kLeafSize = 32;                     // Merkle leaf; bound of one syscall transfer

// Initial stack pointer. The 64 bytes above it read as zero, which a
// Linux-style crt0 sees as argc = 0 and empty argv, envp and auxv.
inline constexpr uint64_t kInitialStackPointer = kMemorySize - 64;

// True when [address, address + size) lies in the accessible range.
constexpr bool isAccessible(uint64_t address, uint64_t size) {
  return address >= kNullGuardEnd && address <= kMemorySize && size <= kMemorySize - address;
}

}  // namespace vcc::vm
