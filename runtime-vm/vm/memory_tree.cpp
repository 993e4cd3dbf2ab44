#include "vcc/vm/memory_tree.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "keccak_x4.hpp"

namespace vcc::vm {
namespace {

// Collects independent pair hashes, out = keccak256(left || right), and
// computes them in SIMD batches (keccak_x4.hpp). Results are written when
// the batch is full and on flush(); inputs are copied when added, so an
// output may be the input of a later batch only after a flush.
class PairHasher {
public:
  void add(const uint8_t* left, const uint8_t* right, Hash* out) {
    std::memcpy(messages_ + 64 * count_, left, 32);
    std::memcpy(messages_ + 64 * count_ + 32, right, 32);
    outputs_[count_++] = out;
    if (count_ == kBatch) flush();
  }
  void flush() {
    if (count_ == 0) return;
    keccak256Pairs(messages_, count_, results_);
    for (size_t i = 0; i < count_; ++i) *outputs_[i] = results_[i];
    count_ = 0;
  }

private:
  static constexpr size_t kBatch = 64;
  uint8_t messages_[64 * kBatch];
  Hash results_[kBatch];
  Hash* outputs_[kBatch];
  size_t count_ = 0;
};

const uint8_t* bytesOf(const Hash* hash) { return hash->data(); }

// Hashes the inner nodes of a page in heap order (node 1 = root, node i has
// children 2i and 2i+1, nodes 64..127 hash pairs of leaves), whole levels at
// a time: the children of nodes [m, 2m) are the contiguous nodes [2m, 4m).
void hashPageNodes(const uint8_t* page, Hash nodes[128]) {
  keccak256Pairs(page, 64, nodes + 64);
  for (size_t first = 32; first >= 1; first /= 2) keccak256Pairs(bytesOf(nodes + 2 * first), first, nodes + first);
}

}  // namespace

const Hash& MemoryTree::zeroHash(unsigned level) {
  static const auto kZeroHashes = [] {
    std::array<Hash, kDepth + 1> hashes{};
    for (unsigned i = 1; i <= kDepth; ++i) hashes[i] = keccak256Pair(hashes[i - 1], hashes[i - 1]);
    return hashes;
  }();
  return kZeroHashes[level];
}

Hash MemoryTree::pageRoot(const uint8_t* page) {
  Hash nodes[128];
  hashPageNodes(page, nodes);
  return nodes[1];
}

std::array<Hash, MemoryTree::kDepth> MemoryTree::leafSiblings(const Memory& memory, uint64_t leaf) const {
  std::array<Hash, kDepth> siblings;
  const uint64_t page = leaf >> (kPageShift - 5);
  const uint64_t inPage = leaf & ((uint64_t{1} << kPageLevel) - 1);
  const uint8_t* contents = memory.pageData(page);
  std::memcpy(siblings[0].data(), contents + 32 * (inPage ^ 1), 32);
  Hash nodes[128];
  hashPageNodes(contents, nodes);
  // Heap order: the nodes of level l (1..6) inside the page start at 128 >> l.
  for (unsigned level = 1; level < kPageLevel; ++level)
    siblings[level] = nodes[(128u >> level) + ((inPage >> level) ^ 1)];
  for (unsigned level = kPageLevel; level < kDepth; ++level) siblings[level] = node(level, (leaf >> level) ^ 1);
  return siblings;
}

const Hash& MemoryTree::node(unsigned level, uint64_t index) const {
  auto found = nodes_.find(key(level, index));
  return found == nodes_.end() ? zeroHash(level) : found->second;
}

bool MemoryTree::updatePage(uint64_t page, const uint8_t* contents) {
  auto found = pageCaches_.find(page);
  if (found == pageCaches_.end()) {
    Hash root;
    if (pageCaches_.size() < kMaxCachedPages) {
      auto cache = std::make_unique<PageCache>();
      std::memcpy(cache->contents, contents, kPageSize);
      hashPageNodes(contents, cache->nodes);
      root = cache->nodes[1];
      pageCaches_.emplace(page, std::move(cache));
    } else {
      root = pageRoot(contents);
    }
    bool changed = root != node(kPageLevel, page);
    nodes_[key(kPageLevel, page)] = root;
    return changed;
  }
  // Re-hash the leaf pairs that differ from the cached contents, then their
  // ancestors inside the page, one level at a time.
  PageCache& cache = *found->second;
  bool dirty[128] = {};
  PairHasher hasher;
  bool any = false;
  for (unsigned pair = 0; pair < 64; ++pair) {
    size_t offset = 64 * pair;
    if (std::memcmp(cache.contents + offset, contents + offset, 64) == 0) continue;
    std::memcpy(cache.contents + offset, contents + offset, 64);
    hasher.add(contents + offset, contents + offset + 32, &cache.nodes[64 + pair]);
    dirty[64 + pair] = true;
    any = true;
  }
  if (!any) return false;
  hasher.flush();
  for (unsigned first = 32; first >= 1; first /= 2) {
    for (unsigned node = first; node < 2 * first; ++node) {
      if (!dirty[2 * node] && !dirty[2 * node + 1]) continue;
      hasher.add(bytesOf(&cache.nodes[2 * node]), bytesOf(&cache.nodes[2 * node + 1]), &cache.nodes[node]);
      dirty[node] = true;
    }
    hasher.flush();
  }
  nodes_[key(kPageLevel, page)] = cache.nodes[1];
  return true;
}

const Hash& MemoryTree::update(Memory& memory) {
  std::vector<PageContents> pages;
  pages.reserve(memory.dirtyPages().size());
  for (uint64_t page : memory.dirtyPages()) pages.push_back({page, memory.pageData(page)});
  const Hash& root = update(pages);
  memory.clearDirty();
  return root;
}

const Hash& MemoryTree::update(std::span<const PageContents> pages) {
  std::vector<uint64_t> changed;
  changed.reserve(pages.size());
  for (const PageContents& page : pages) {
    if (updatePage(page.page, page.contents)) changed.push_back(page.page);
  }
  if (changed.empty()) return root_;
  std::sort(changed.begin(), changed.end());
  PairHasher hasher;
  for (unsigned level = kPageLevel; level < kRootLevel; ++level) {
    // Parents of the changed nodes, still sorted after the shift; deduplicate.
    for (uint64_t& index : changed) index >>= 1;
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (uint64_t parent : changed) {
      Hash& out = nodes_[key(level + 1, parent)];  // references into the map stay valid
      hasher.add(bytesOf(&node(level, 2 * parent)), bytesOf(&node(level, 2 * parent + 1)), &out);
    }
    hasher.flush();
  }
  root_ = node(kRootLevel, 0);
  return root_;
}

}  // namespace vcc::vm
