#include "vcc/vm/data_root.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "keccak_x4.hpp"

namespace vcc::vm {
namespace {

constexpr unsigned kMaxDepth = 64;
// Subtrees of this many levels (2^16 chunks, 2 MiB) are hashed one at a
// time, so that the level buffers stay small whatever the data's size.
constexpr unsigned kBlockLevels = 16;

// The root of a subtree of zero leaves whose root is at `level`.
const Hash& zeroNode(unsigned level) {
  static const std::array<Hash, kMaxDepth + 1> table = [] {
    std::array<Hash, kMaxDepth + 1> zeros{};
    for (unsigned i = 1; i <= kMaxDepth; ++i) zeros[i] = keccak256Pair(zeros[i - 1], zeros[i - 1]);
    return zeros;
  }();
  return table[level];
}

Hash paddedChunk(std::span<const uint8_t> bytes) {
  Hash chunk{};
  std::memcpy(chunk.data(), bytes.data(), std::min<size_t>(bytes.size(), kDataChunkSize));
  return chunk;
}

// Reduces `nodes` (the nodes of one level, `level`, left-aligned) up to
// `top`, padding with zero subtrees; returns the node at `top`.
Hash reduce(std::vector<Hash>& nodes, unsigned level, unsigned top) {
  if (nodes.empty()) return zeroNode(top);
  for (; level < top; ++level) {
    if (nodes.size() % 2 != 0) nodes.push_back(zeroNode(level));
    keccak256Pairs(reinterpret_cast<const uint8_t*>(nodes.data()), nodes.size() / 2, nodes.data());
    nodes.resize(nodes.size() / 2);
  }
  return nodes[0];
}

// The root of the subtree of `levels` levels whose leaves are the chunks of
// `bytes` (at most 2^levels chunks), zero leaves after them.
Hash subtreeRoot(std::span<const uint8_t> bytes, unsigned levels) {
  if (bytes.empty()) return zeroNode(levels);
  if (levels == 0) return paddedChunk(bytes);
  if (levels <= kBlockLevels) {
    // Level 1 straight from the data: whole 64-byte pairs, then the tail.
    const size_t whole = bytes.size() / (2 * kDataChunkSize);
    const size_t tail = bytes.size() % (2 * kDataChunkSize);
    std::vector<Hash> nodes(whole + (tail != 0 ? 1 : 0));
    keccak256Pairs(bytes.data(), whole, nodes.data());
    if (tail != 0) {
      uint8_t pair[2 * kDataChunkSize] = {};
      std::memcpy(pair, bytes.data() + whole * 2 * kDataChunkSize, tail);
      keccak256Pairs(pair, 1, &nodes[whole]);
    }
    return reduce(nodes, 1, levels);
  }
  const uint64_t blockBytes = kDataChunkSize << kBlockLevels;
  std::vector<Hash> blocks;
  blocks.reserve((bytes.size() + blockBytes - 1) / blockBytes);
  for (uint64_t at = 0; at < bytes.size(); at += blockBytes)
    blocks.push_back(subtreeRoot(bytes.subspan(at, std::min<uint64_t>(blockBytes, bytes.size() - at)), kBlockLevels));
  return reduce(blocks, kBlockLevels, levels);
}

uint64_t chunkCount(uint64_t length) { return length / kDataChunkSize + (length % kDataChunkSize != 0 ? 1 : 0); }

}  // namespace

unsigned dataTreeDepth(uint64_t length) {
  uint64_t chunks = chunkCount(length);
  unsigned depth = 0;
  while (depth < kMaxDepth && (uint64_t{1} << depth) < chunks) ++depth;
  return depth;
}

Hash dataTreeRoot(std::span<const uint8_t> data) { return subtreeRoot(data, dataTreeDepth(data.size())); }

Hash bindLength(const Hash& treeRoot, uint64_t length) {
  Hash encoded{};
  for (unsigned i = 0; i < 8; ++i) encoded[31 - i] = static_cast<uint8_t>(length >> (8 * i));
  return keccak256Pair(treeRoot, encoded);
}

Hash dataRoot(std::span<const uint8_t> data) { return bindLength(dataTreeRoot(data), data.size()); }

Hash dataChunk(std::span<const uint8_t> data, uint64_t index) {
  uint64_t at = index * kDataChunkSize;
  if (at >= data.size()) return Hash{};
  return paddedChunk(data.subspan(at, std::min<uint64_t>(kDataChunkSize, data.size() - at)));
}

std::vector<Hash> dataChunkSiblings(std::span<const uint8_t> data, uint64_t index) {
  const unsigned depth = dataTreeDepth(data.size());
  std::vector<Hash> siblings;
  siblings.reserve(depth);
  for (unsigned level = 0; level < depth; ++level) {
    // The sibling subtree's chunks: [first, first + 2^level).
    uint64_t first = ((index >> level) ^ 1) << level;
    uint64_t begin = first * kDataChunkSize;
    if (begin >= data.size()) {
      siblings.push_back(zeroNode(level));
      continue;
    }
    uint64_t size = std::min<uint64_t>(kDataChunkSize << level, data.size() - begin);
    siblings.push_back(subtreeRoot(data.subspan(begin, size), level));
  }
  return siblings;
}

bool verifyDataChunk(const Hash& root, uint64_t length, uint64_t index, const Hash& chunk,
                     std::span<const Hash> siblings) {
  const unsigned depth = dataTreeDepth(length);
  if (siblings.size() != depth || index >= std::max<uint64_t>(1, chunkCount(length))) return false;
  Hash node = chunk;
  for (unsigned level = 0; level < depth; ++level)
    node = (index >> level) & 1 ? keccak256Pair(siblings[level], node) : keccak256Pair(node, siblings[level]);
  return bindLength(node, length) == root;
}

}  // namespace vcc::vm
