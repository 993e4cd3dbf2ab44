// System-call numbers (SPEC §3.2): `ecall` with the number in a7, arguments
// in a0..a5, result in a0. Where the meaning coincides the numbers are
// Linux riscv64's, so qemu-riscv64 runs the same images.
#pragma once

#include <array>
#include <cstdint>

#include "vcc/vm/keccak.hpp"

namespace vcc::vm::syscall {

inline constexpr uint64_t kRead = 63;       // read(fd 0, buf, count): request bytes
inline constexpr uint64_t kWrite = 64;      // write(fd 1 | 2, buf, count): response | debug log
inline constexpr uint64_t kExit = 93;       // exit(code)
inline constexpr uint64_t kExitGroup = 94;  // exit_group(code), same as exit

// vcc's own calls live above Linux's numbers. The data oracle (SPEC §3.4)
// names a blob by its data root, passed in a0..a3 as four little-endian
// 64-bit words (root byte 8w+b is byte b of a<w>). A blob the host does not
// have stops the run (StopReason::MissingData); the guest never sees it.
inline constexpr uint64_t kOracleSize = 0x10000;  // oracle_size(root) -> size
inline constexpr uint64_t kOracleRead = 0x10001;  // oracle_read(root, offset a4, buf a5) -> bytes copied

inline constexpr uint64_t kFdRequest = 0;
inline constexpr uint64_t kFdResponse = 1;
inline constexpr uint64_t kFdDebugLog = 2;

// Error results, as Linux returns them (negated errno).
inline constexpr int64_t kErrorBadFd = -9;   // EBADF
inline constexpr int64_t kErrorFault = -14;  // EFAULT
inline constexpr int64_t kErrorFileTooBig = -27;  // EFBIG: the stream is full

// Upper bound on the response: a write past it returns kErrorFileTooBig, so
// that no guest can exhaust the host's memory. The debug log (not part of
// the state) is cut at the same bound, silently.
inline constexpr uint64_t kMaxStreamBytes = uint64_t{64} << 20;

}  // namespace vcc::vm::syscall

namespace vcc::vm {

// The data root an oracle call's a0..a3 name (x: the register file).
inline Hash oracleRootArgument(const std::array<uint64_t, 32>& x) {
  Hash root;
  for (unsigned word = 0; word < 4; ++word)
    for (unsigned byte = 0; byte < 8; ++byte) root[8 * word + byte] = static_cast<uint8_t>(x[10 + word] >> (8 * byte));
  return root;
}

}  // namespace vcc::vm
