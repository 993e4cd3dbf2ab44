// The record encodings of proof.hpp, shared by the recorder and the verifier.
#pragma once

#include <cstdint>
#include <array>
#include <cstring>
#include <span>
#include <vector>

#include "decode.hpp"
#include "vcc/vm/keccak.hpp"
#include "vcc/vm/memory_tree.hpp"
#include "vcc/vm/proof.hpp"

namespace vcc::vm {

// The zero mask covers levels 0..31; siblings above are always in the record.
inline constexpr unsigned kMaskLevels = 32;

// The value of a subtree of zero leaves whose root is at `level` (< 32):
// the same in the memory tree and in every data tree.
inline const Hash& zeroSubtree(unsigned level) {
  static const auto kTable = [] {
    std::array<Hash, kMaskLevels> table{};
    for (unsigned i = 1; i < kMaskLevels; ++i) table[i] = keccak256Pair(table[i - 1], table[i - 1]);
    return table;
  }();
  return kTable[level];
}

// Appends `value` (a leaf or chunk), the zero mask and the siblings that
// are not zero subtrees.
inline void appendMerkleRecord(std::vector<uint8_t>& out, const Hash& value, std::span<const Hash> siblings) {
  out.insert(out.end(), value.begin(), value.end());
  uint32_t mask = 0;
  for (size_t level = 0; level < siblings.size() && level < kMaskLevels; ++level)
    if (siblings[level] == zeroSubtree(static_cast<unsigned>(level))) mask |= uint32_t{1} << level;
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(mask >> shift));
  for (size_t level = 0; level < siblings.size(); ++level)
    if (!(mask >> level & 1)) out.insert(out.end(), siblings[level].begin(), siblings[level].end());
}

inline void appendLengthRecord(std::vector<uint8_t>& out, const Hash& treeRoot, uint64_t length) {
  out.insert(out.end(), treeRoot.begin(), treeRoot.end());
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(length >> shift));
}

// The root of the tree whose leaf `index` is `value`, given its siblings.
inline Hash merkleRoot(Hash node, uint64_t index, std::span<const Hash> siblings) {
  for (size_t level = 0; level < siblings.size(); ++level)
    node = (index >> level & 1) ? keccak256Pair(siblings[level], node) : keccak256Pair(node, siblings[level]);
  return node;
}

inline StepKind stepKindOf(Operation operation) {
  switch (operation) {
  case Operation::Jal: case Operation::Jalr: case Operation::Beq: case Operation::Bne: case Operation::Blt:
  case Operation::Bge: case Operation::Bltu: case Operation::Bgeu:
    return StepKind::Branch;
  case Operation::Lb: case Operation::Lh: case Operation::Lw: case Operation::Ld: case Operation::Lbu:
  case Operation::Lhu: case Operation::Lwu:
    return StepKind::Load;
  case Operation::Sb: case Operation::Sh: case Operation::Sw: case Operation::Sd:
    return StepKind::Store;
  case Operation::Ecall: return StepKind::Syscall;
  case Operation::Illegal: case Operation::Ebreak: case Operation::PageEnd: return StepKind::Trap;
  default: return StepKind::Alu;
  }
}

}  // namespace vcc::vm
