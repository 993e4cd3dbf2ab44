#include "vcc/vm/memory_tree.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace vcc::vm {

const Hash& MemoryTree::zeroHash(unsigned level) {
  static const auto kZeroHashes = [] {
    std::array<Hash, kDepth + 1> hashes{};
    for (unsigned i = 1; i <= kDepth; ++i) hashes[i] = keccak256Pair(hashes[i - 1], hashes[i - 1]);
    return hashes;
  }();
  return kZeroHashes[level];
}

Hash MemoryTree::pageRoot(const uint8_t* page) {
  constexpr unsigned kLeaves = kPageSize / kLeafSize;
  Hash level[kLeaves / 2];
  for (unsigned i = 0; i < kLeaves / 2; ++i) {
    Hash left, right;
    std::memcpy(left.data(), page + 64 * i, 32);
    std::memcpy(right.data(), page + 64 * i + 32, 32);
    level[i] = keccak256Pair(left, right);
  }
  for (unsigned width = kLeaves / 4; width >= 1; width /= 2) {
    for (unsigned i = 0; i < width; ++i) level[i] = keccak256Pair(level[2 * i], level[2 * i + 1]);
  }
  return level[0];
}

const Hash& MemoryTree::node(unsigned level, uint64_t index) const {
  auto found = nodes_.find(key(level, index));
  return found == nodes_.end() ? zeroHash(level) : found->second;
}

const Hash& MemoryTree::update(Memory& memory) {
  std::vector<uint64_t> changed(memory.dirtyPages().begin(), memory.dirtyPages().end());
  if (changed.empty()) return root_;
  std::sort(changed.begin(), changed.end());
  for (uint64_t page : changed) nodes_[key(kPageLevel, page)] = pageRoot(memory.pageData(page));
  for (unsigned level = kPageLevel; level < kRootLevel; ++level) {
    // Parents of the changed nodes, still sorted after the shift; deduplicate.
    for (uint64_t& index : changed) index >>= 1;
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (uint64_t parent : changed)
      nodes_[key(level + 1, parent)] = keccak256Pair(node(level, 2 * parent), node(level, 2 * parent + 1));
  }
  memory.clearDirty();
  root_ = node(kRootLevel, 0);
  return root_;
}

}  // namespace vcc::vm
