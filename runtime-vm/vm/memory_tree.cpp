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

bool MemoryTree::updatePage(uint64_t page, const uint8_t* contents) {
  auto found = pageCaches_.find(page);
  if (found == pageCaches_.end()) {
    Hash root = pageRoot(contents);
    if (pageCaches_.size() < kMaxCachedPages) {
      // Cache the whole page and its inner nodes, hashed level by level.
      auto cache = std::make_unique<PageCache>();
      std::memcpy(cache->contents, contents, kPageSize);
      for (unsigned node = 64; node < 128; ++node) {
        Hash left, right;
        std::memcpy(left.data(), contents + 64 * (node - 64), 32);
        std::memcpy(right.data(), contents + 64 * (node - 64) + 32, 32);
        cache->nodes[node] = keccak256Pair(left, right);
      }
      for (unsigned node = 63; node >= 1; --node)
        cache->nodes[node] = keccak256Pair(cache->nodes[2 * node], cache->nodes[2 * node + 1]);
      root = cache->nodes[1];
      pageCaches_.emplace(page, std::move(cache));
    }
    bool changed = root != node(kPageLevel, page);
    nodes_[key(kPageLevel, page)] = root;
    return changed;
  }
  PageCache& cache = *found->second;
  // Leaves that differ from the cached contents mark their pair node.
  bool dirty[128] = {};
  bool any = false;
  for (unsigned pair = 0; pair < 64; ++pair) {
    size_t offset = 64 * pair;
    if (std::memcmp(cache.contents + offset, contents + offset, 64) != 0) {
      std::memcpy(cache.contents + offset, contents + offset, 64);
      Hash left, right;
      std::memcpy(left.data(), contents + offset, 32);
      std::memcpy(right.data(), contents + offset + 32, 32);
      cache.nodes[64 + pair] = keccak256Pair(left, right);
      dirty[64 + pair] = true;
      any = true;
    }
  }
  if (!any) return false;
  for (unsigned node = 63; node >= 1; --node) {
    if (dirty[2 * node] || dirty[2 * node + 1]) {
      cache.nodes[node] = keccak256Pair(cache.nodes[2 * node], cache.nodes[2 * node + 1]);
      dirty[node] = true;
    }
  }
  nodes_[key(kPageLevel, page)] = cache.nodes[1];
  return true;
}

const Hash& MemoryTree::update(Memory& memory) {
  std::vector<uint64_t> changed;
  changed.reserve(memory.dirtyPages().size());
  for (uint64_t page : memory.dirtyPages()) {
    if (updatePage(page, memory.pageData(page))) changed.push_back(page);
  }
  memory.clearDirty();
  if (changed.empty()) return root_;
  std::sort(changed.begin(), changed.end());
  for (unsigned level = kPageLevel; level < kRootLevel; ++level) {
    // Parents of the changed nodes, still sorted after the shift; deduplicate.
    for (uint64_t& index : changed) index >>= 1;
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (uint64_t parent : changed)
      nodes_[key(level + 1, parent)] = keccak256Pair(node(level, 2 * parent), node(level, 2 * parent + 1));
  }
  root_ = node(kRootLevel, 0);
  return root_;
}

}  // namespace vcc::vm
