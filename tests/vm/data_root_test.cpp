// Data roots (SPEC §3.4, docs/data-roots.md) against a reference written
// here from the definition alone: whole-tree recursion with keccak256 of
// concatenated bytes, no batching, no blocks. Lengths around every chunk,
// pair and block boundary; chunk proofs verify and tampered ones do not.
#include <gtest/gtest.h>

#include <random>

#include "vcc/vm/data_root.hpp"

namespace vcc::vm {
namespace {

// The definition, slowly: node(level, index) over zero-padded chunks.
Hash referenceNode(const std::vector<uint8_t>& data, unsigned level, uint64_t index) {
  if (level == 0) {
    Hash chunk{};
    for (uint64_t i = 0; i < 32; ++i)
      if (index * 32 + i < data.size()) chunk[i] = data[index * 32 + i];
    return chunk;
  }
  Hash left = referenceNode(data, level - 1, 2 * index), right = referenceNode(data, level - 1, 2 * index + 1);
  std::vector<uint8_t> both(left.begin(), left.end());
  both.insert(both.end(), right.begin(), right.end());
  return keccak256(both);
}

Hash referenceRoot(const std::vector<uint8_t>& data) {
  uint64_t chunks = (data.size() + 31) / 32;
  unsigned depth = 0;
  while ((uint64_t{1} << depth) < chunks) ++depth;
  Hash tree = referenceNode(data, depth, 0);
  std::vector<uint8_t> bound(tree.begin(), tree.end());
  bound.resize(64, 0);
  for (unsigned i = 0; i < 8; ++i) bound[63 - i] = static_cast<uint8_t>(static_cast<uint64_t>(data.size()) >> (8 * i));
  return keccak256(bound);
}

std::vector<uint8_t> randomBytes(size_t size, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<uint8_t> bytes(size);
  for (uint8_t& byte : bytes) byte = static_cast<uint8_t>(random());
  return bytes;
}

TEST(DataRoot, DepthFollowsTheChunkCount) {
  EXPECT_EQ(dataTreeDepth(0), 0u);
  EXPECT_EQ(dataTreeDepth(32), 0u);
  EXPECT_EQ(dataTreeDepth(33), 1u);
  EXPECT_EQ(dataTreeDepth(64), 1u);
  EXPECT_EQ(dataTreeDepth(65), 2u);
  EXPECT_EQ(dataTreeDepth(uint64_t{32} << 20), 20u);
  EXPECT_EQ(dataTreeDepth((uint64_t{32} << 20) + 1), 21u);
  EXPECT_EQ(dataTreeDepth(~uint64_t{0}), 59u);
}

TEST(DataRoot, EqualsTheDefinitionAtEveryBoundary) {
  for (size_t size : {0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 255, 256, 257, 1000, 4096, 4097}) {
    std::vector<uint8_t> data = randomBytes(size, size);
    EXPECT_EQ(dataRoot(data), referenceRoot(data)) << size << " bytes";
  }
}

TEST(DataRoot, EqualsTheDefinitionAcrossBlocks) {
  // Blocks are 2^16 chunks (2 MiB): one block exactly, one byte more, and
  // three blocks and a bit, where the top is reduced from block roots.
  for (size_t size : {size_t{2} << 20, (size_t{2} << 20) + 1, (size_t{6} << 20) + 77}) {
    std::vector<uint8_t> data = randomBytes(size, size);
    EXPECT_EQ(dataRoot(data), referenceRoot(data)) << size << " bytes";
  }
}

TEST(DataRoot, LengthIsBoundIn) {
  // Zero bytes of different lengths share their tree but not their root.
  std::vector<uint8_t> a(32, 0), b(31, 0), empty;
  EXPECT_EQ(dataTreeRoot(a), dataTreeRoot(b));
  EXPECT_NE(dataRoot(a), dataRoot(b));
  EXPECT_NE(dataRoot(empty), dataRoot(b));
  // The empty data: a zero tree root bound to length 0.
  EXPECT_EQ(dataRoot(empty), keccak256Pair(Hash{}, Hash{}));
}

TEST(DataRoot, ChunkProofsVerifyAndTamperedOnesDoNot) {
  for (size_t size : {size_t{0}, size_t{5}, size_t{32}, size_t{100}, size_t{1000}, size_t{70000}}) {
    std::vector<uint8_t> data = randomBytes(size, 7 * size + 1);
    Hash root = dataRoot(data);
    uint64_t chunks = std::max<uint64_t>(1, (size + 31) / 32);
    for (uint64_t index : {uint64_t{0}, chunks / 2, chunks - 1}) {
      Hash chunk = dataChunk(data, index);
      std::vector<Hash> siblings = dataChunkSiblings(data, index);
      ASSERT_EQ(siblings.size(), dataTreeDepth(size));
      EXPECT_TRUE(verifyDataChunk(root, size, index, chunk, siblings)) << size << " bytes, chunk " << index;
      Hash wrongChunk = chunk;
      wrongChunk[3] ^= 1;
      EXPECT_FALSE(verifyDataChunk(root, size, index, wrongChunk, siblings));
      EXPECT_FALSE(verifyDataChunk(root, size + 1, index, chunk, siblings));
      EXPECT_FALSE(verifyDataChunk(root, size, chunks, chunk, siblings));  // past the last chunk
      if (!siblings.empty()) {
        std::vector<Hash> wrong = siblings;
        wrong.back()[0] ^= 0x80;
        EXPECT_FALSE(verifyDataChunk(root, size, index, chunk, wrong));
        wrong = siblings;
        wrong.pop_back();
        EXPECT_FALSE(verifyDataChunk(root, size, index, chunk, wrong));
      }
    }
  }
}

}  // namespace
}  // namespace vcc::vm
