// The packed machine state whose keccak256 is the state root (SPEC §3.3).
// Fixed size, integers big-endian (as an EVM verifier reads them):
//
//   offset size field
//        0   32 memoryRoot        MemoryTree root over [0, 2^32)
//       32   32 requestHash       keccak256(request); zero before a request is bound
//       64    8 requestOffset     bytes of the request read so far
//       72   32 responseChain     c0 = 0, c(k+1) = keccak256(c(k) || block k), over complete 32-byte blocks
//      104   32 responsePending   the bytes after the last complete block, zero-padded
//      136    8 responseLength    bytes written to fd 1 in total
//      144    8 steps             instructions retired
//      152    8 pc
//      160    1 status            0 running, 1 exited, 2 trapped
//      161    1 trapKind          TrapKind, 0 when not trapped
//      162    8 exitCode          a0 of exit/exit_group
//      170  248 x1..x31           8 bytes each, x1 first
//      418                        total
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "vcc/vm/keccak.hpp"

namespace vcc::vm {

class Machine;

inline constexpr size_t kPackedStateSize = 418;
using PackedState = std::array<uint8_t, kPackedStateSize>;

PackedState packState(const Machine& machine, const Hash& memoryRoot);

// The response commitment a native run computes from its response bytes
// alone: the chain, pending bytes and length fields of the packed state.
struct ResponseCommitment {
  Hash chain{};
  Hash pending{};
  uint64_t length = 0;
};
ResponseCommitment commitResponse(std::span<const uint8_t> response);

}  // namespace vcc::vm
