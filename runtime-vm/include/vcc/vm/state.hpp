// The packed machine state whose keccak256 is the state root (SPEC §3.3).
// Fixed size, integers big-endian (as an EVM verifier reads them). Layout
// version 2 (docs/vm.md, docs/proofs.md):
//
//   offset size field
//        0    1 layoutVersion     2
//        1   32 memoryRoot        MemoryTree root over [0, 2^32)
//       33   32 requestRoot       data root of the request (docs/data-roots.md); zero before one is bound
//       65    8 requestOffset     bytes of the request read so far
//       73   32 responseChain     c0 = 0, c(k+1) = keccak256(c(k) || block k), over complete 32-byte blocks
//      105   32 responsePending   the bytes after the last complete block, zero-padded
//      137    8 responseLength    bytes written to fd 1 in total
//      145    8 steps             instructions retired
//      153    8 pc
//      161    1 status            0 running, 1 exited, 2 trapped
//      162    1 trapKind          TrapKind, 0 when not trapped
//      163    8 exitCode          a0 of exit/exit_group
//      171   32 extensionRoot     zero: RV64IM has no state beyond x1..x31; the F and D
//                                 extensions will commit f0..f31 and fcsr here
//      203  248 x1..x31           8 bytes each, x1 first
//      451                        total
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "vcc/vm/keccak.hpp"

namespace vcc::vm {

class Machine;

inline constexpr uint8_t kStateLayoutVersion = 2;
inline constexpr size_t kPackedStateSize = 451;
inline constexpr size_t kMemoryRootOffset = 1;
using PackedState = std::array<uint8_t, kPackedStateSize>;

// The response commitment a native run computes from its response bytes
// alone: the chain, pending bytes and length fields of the packed state.
struct ResponseCommitment {
  Hash chain{};
  Hash pending{};
  uint64_t length = 0;
};
ResponseCommitment commitResponse(std::span<const uint8_t> response);

// Every field of the packed state, unpacked.
struct StateFields {
  Hash memoryRoot{};
  Hash requestRoot{};
  uint64_t requestOffset = 0;
  ResponseCommitment response;
  uint64_t steps = 0;
  uint64_t pc = 0;
  uint8_t status = 0;
  uint8_t trapKind = 0;
  uint64_t exitCode = 0;
  Hash extensionRoot{};
  std::array<uint64_t, 32> x{};  // x[0] is not packed and reads as zero
};

PackedState packState(const StateFields& fields);
PackedState packState(const Machine& machine, const Hash& memoryRoot);
// Null when the bytes are not a packed state of this layout version.
std::optional<StateFields> unpackState(std::span<const uint8_t> bytes);

}  // namespace vcc::vm
