// One-step proofs (SPEC §3.5, docs/proofs.md): what a verifier needs to
// compute the state root after one instruction from the state root before
// it, and nothing else. A proof is the packed pre-state followed by the
// records of the state the step reaches outside the packed state, in the
// order the step reaches it:
//
//   memory leaf   leaf (32) | zero mask (4, big-endian) | siblings (32 each)
//   data length   tree root (32) | length (8, big-endian)
//   data chunk    chunk (32) | zero mask (4) | siblings (32 each)
//
// Siblings run from the leaf level up (27 for memory, the data tree's depth
// for a chunk); bit l of the zero mask says that sibling l is the zero
// subtree of its level, which the record then leaves out. The addresses and
// chunk indexes are not in the proof: the verifier knows them from the step.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vcc/vm/keccak.hpp"
#include "vcc/vm/state.hpp"

namespace vcc::vm {

class Machine;

inline constexpr uint8_t kProofVersion = 1;
inline constexpr char kProofMagic[4] = {'V', 'C', 'C', 'P'};
// Upper bound on a proof's records: one instruction leaf, one memory leaf,
// a data length and a data chunk of a data tree of depth <= 64.
inline constexpr size_t kMaxProofRecordBytes = 2 * (32 + 4 + 27 * 32) + (32 + 8) + (32 + 4 + 64 * 32);

struct StepProof {
  PackedState preState{};
  std::vector<uint8_t> records;
};

// The proof file: "VCCP" | version (1) | pre-state (kPackedStateSize) | records.
std::vector<uint8_t> encodeProof(const StepProof& proof);
// Null with the reason when the bytes are not a proof file of this version.
std::optional<StepProof> decodeProof(std::span<const uint8_t> file, std::string& error);

// The kinds of step, for reports (docs/proofs.md lists the bytes per kind).
enum class StepKind : uint8_t { Halted, Alu, Branch, Load, Store, Syscall, Trap };
const char* stepKindName(StepKind kind);

struct ProveResult {
  std::optional<StepProof> proof;  // null: the step cannot be proved here
  std::string error;               // why not (the memory limit, a missing blob)
  StepKind kind = StepKind::Halted;
  Hash postStateRoot{};
};
// Proves the step the machine is at and takes it: afterwards the machine
// is one step further, as if run() had taken that step.
ProveResult proveStep(Machine& machine);

struct VerifyResult {
  bool valid = false;
  std::string error;  // why the proof was rejected
  Hash preStateRoot{};
  Hash postStateRoot{};
  PackedState postState{};
};
// Replays the step from the proof alone.
VerifyResult verifyStep(std::span<const uint8_t> preState, std::span<const uint8_t> records);
VerifyResult verifyStep(const StepProof& proof);

}  // namespace vcc::vm
