// The proof file (proof.hpp, docs/proofs.md).
#include <cstring>

#include "vcc/vm/proof.hpp"

namespace vcc::vm {

std::vector<uint8_t> encodeProof(const StepProof& proof) {
  std::vector<uint8_t> file(std::begin(kProofMagic), std::end(kProofMagic));
  file.push_back(kProofVersion);
  file.insert(file.end(), proof.preState.begin(), proof.preState.end());
  file.insert(file.end(), proof.records.begin(), proof.records.end());
  return file;
}

std::optional<StepProof> decodeProof(std::span<const uint8_t> file, std::string& error) {
  constexpr size_t kHeader = sizeof(kProofMagic) + 1;
  if (file.size() < kHeader || std::memcmp(file.data(), kProofMagic, sizeof(kProofMagic)) != 0) {
    error = "not a vcc step proof (no VCCP header)";
    return std::nullopt;
  }
  if (file[4] != kProofVersion) {
    error = "proof format version " + std::to_string(file[4]) + " (this vcc reads version " +
            std::to_string(kProofVersion) + ")";
    return std::nullopt;
  }
  if (file.size() < kHeader + kPackedStateSize) {
    error = "truncated proof: " + std::to_string(file.size()) + " bytes, the pre-state alone needs " +
            std::to_string(kHeader + kPackedStateSize);
    return std::nullopt;
  }
  if (file.size() - kHeader - kPackedStateSize > kMaxProofRecordBytes) {
    error = "proof too long: " + std::to_string(file.size()) + " bytes (no step needs more than " +
            std::to_string(kHeader + kPackedStateSize + kMaxProofRecordBytes) + ")";
    return std::nullopt;
  }
  StepProof proof;
  std::memcpy(proof.preState.data(), file.data() + kHeader, kPackedStateSize);
  proof.records.assign(file.begin() + static_cast<ptrdiff_t>(kHeader + kPackedStateSize), file.end());
  return proof;
}

const char* stepKindName(StepKind kind) {
  switch (kind) {
  case StepKind::Halted: return "halted";
  case StepKind::Alu: return "alu";
  case StepKind::Branch: return "branch";
  case StepKind::Load: return "load";
  case StepKind::Store: return "store";
  case StepKind::Syscall: return "syscall";
  case StepKind::Trap: return "trap";
  }
  return "unknown";
}

}  // namespace vcc::vm
