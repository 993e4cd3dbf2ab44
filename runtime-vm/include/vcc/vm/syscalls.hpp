// System-call numbers (SPEC §3.2): `ecall` with the number in a7, arguments
// in a0..a5, result in a0. Where the meaning coincides the numbers are
// Linux riscv64's, so qemu-riscv64 runs the same images.
#pragma once

#include <cstdint>

namespace vcc::vm::syscall {

inline constexpr uint64_t kRead = 63;       // read(fd 0, buf, count): request bytes
inline constexpr uint64_t kWrite = 64;      // write(fd 1 | 2, buf, count): response | debug log
inline constexpr uint64_t kExit = 93;       // exit(code)
inline constexpr uint64_t kExitGroup = 94;  // exit_group(code), same as exit

// vcc's own calls live above Linux's numbers. The data oracle (SPEC §3.4)
// names a blob by its keccak256, passed in a0..a3 as four little-endian
// 64-bit words (key byte 8w+b is byte b of a<w>).
inline constexpr uint64_t kOracleSize = 0x10000;  // oracle_size(key) -> size, or -ENOENT
inline constexpr uint64_t kOracleRead = 0x10001;  // oracle_read(key, offset a4, buf a5) -> bytes copied

inline constexpr uint64_t kFdRequest = 0;
inline constexpr uint64_t kFdResponse = 1;
inline constexpr uint64_t kFdDebugLog = 2;

// Error results, as Linux returns them (negated errno).
inline constexpr int64_t kErrorNoEntry = -2;  // ENOENT: the oracle has no such blob
inline constexpr int64_t kErrorBadFd = -9;   // EBADF
inline constexpr int64_t kErrorFault = -14;  // EFAULT
inline constexpr int64_t kErrorFileTooBig = -27;  // EFBIG: the stream is full

// Upper bound on the response and on the debug log each; a write past it
// returns kErrorFileTooBig, so that no guest can exhaust the host's memory.
inline constexpr uint64_t kMaxStreamBytes = uint64_t{64} << 20;

}  // namespace vcc::vm::syscall
