// The binary Merkle tree of keccak256 that commits to guest memory (SPEC
// §3.3): 2^27 leaves of 32 bytes cover [0, 2^32). A leaf's node value is its
// 32 bytes themselves; an inner node is keccak256(left || right). Subtrees
// of zero memory take precomputed values, and only the pages written since
// the last update are re-hashed: within such a page, only the leaves that
// differ from the page's contents at the last update, and their paths.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>

#include "vcc/vm/keccak.hpp"
#include "vcc/vm/memory.hpp"

namespace vcc::vm {

class MemoryTree {
public:
  static constexpr unsigned kDepth = 27;      // levels above the leaves
  static constexpr unsigned kPageLevel = 7;   // a page's root: 128 leaves
  static constexpr unsigned kRootLevel = kDepth;

  // Value of a subtree of zero memory whose root is at `level` (0 = leaf).
  static const Hash& zeroHash(unsigned level);
  // The root of one 4 KiB page.
  static Hash pageRoot(const uint8_t* page);

  // Re-hashes the pages memory lists as dirty, clears that list, and
  // returns the root of the whole memory.
  const Hash& update(Memory& memory);
  // A page and its contents: in memory, or a copy taken earlier.
  struct PageContents {
    uint64_t page;
    const uint8_t* contents;  // kPageSize bytes
  };
  // Re-hashes the given pages (each at most once) with these contents and
  // returns the root: what update(Memory&) does, for a snapshot.
  const Hash& update(std::span<const PageContents> pages);
  const Hash& root() const { return root_; }
  // A node at `level` (kPageLevel..kRootLevel) as of the last update.
  const Hash& node(unsigned level, uint64_t index) const;
  // The siblings of leaf `leaf` (address / 32), from the leaf level up, as
  // of the last update, which must have been made from `memory` as it is.
  std::array<Hash, kDepth> leafSiblings(const Memory& memory, uint64_t leaf) const;

  // Pages whose contents and inner nodes are cached for leaf-level updates;
  // pages beyond this are re-hashed whole.
  static constexpr size_t kMaxCachedPages = 32768;  // 256 MiB of cache

private:
  // A page as of the last update, and its inner nodes in heap order: node 1
  // is the page root, node i has children 2i and 2i+1, nodes 64..127 hash
  // pairs of leaves. Returns false when no leaf changed.
  struct PageCache {
    uint8_t contents[kPageSize];
    Hash nodes[128];
  };
  bool updatePage(uint64_t page, const uint8_t* contents);

  static uint64_t key(unsigned level, uint64_t index) { return uint64_t{level} << 32 | index; }
  std::unordered_map<uint64_t, std::unique_ptr<PageCache>> pageCaches_;
  std::unordered_map<uint64_t, Hash> nodes_;  // levels kPageLevel..kRootLevel, non-zero subtrees only
  Hash root_ = zeroHash(kRootLevel);
};

}  // namespace vcc::vm
