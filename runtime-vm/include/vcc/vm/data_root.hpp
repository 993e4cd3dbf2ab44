// Data roots (SPEC §3.4, docs/data-roots.md): how a request or a data-oracle
// blob is named, so that one 32-byte chunk of it is provable with a few
// Merkle siblings whatever its size.
//
//   chunks    the data in 32-byte chunks, the last one zero-padded; n of them
//   depth     0 for n <= 1, else ceil(log2 n)
//   tree      the binary tree of 2^depth leaves: chunk i at leaf i, zero
//             leaves after the last chunk; leaves are the chunks themselves
//             (unhashed), an inner node is keccak256(left || right)
//   dataRoot  keccak256(treeRoot || length as a 32-byte big-endian integer)
//
// The empty data has depth 0 and a zero tree root.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "vcc/vm/keccak.hpp"

namespace vcc::vm {

inline constexpr uint64_t kDataChunkSize = 32;

// Depth of the tree of data of `length` bytes.
unsigned dataTreeDepth(uint64_t length);
// The tree root (before the length is bound in) and the data root. Both run
// at keccak speed: chunk pairs are hashed straight from `data`, several at
// once (keccak256Pairs), a 2 MiB block at a time.
Hash dataTreeRoot(std::span<const uint8_t> data);
Hash dataRoot(std::span<const uint8_t> data);
// keccak256(treeRoot || uint256(length)).
Hash bindLength(const Hash& treeRoot, uint64_t length);

// Chunk `index` (zero-padded), and its siblings from the leaf level up
// (dataTreeDepth(data.size()) of them): what a proof carries to show that
// chunk under the data root. index < max(1, number of chunks).
Hash dataChunk(std::span<const uint8_t> data, uint64_t index);
std::vector<Hash> dataChunkSiblings(std::span<const uint8_t> data, uint64_t index);
// Whether `chunk` is chunk `index` of the data of `length` bytes whose data
// root is `root`, given its siblings.
bool verifyDataChunk(const Hash& root, uint64_t length, uint64_t index, const Hash& chunk,
                     std::span<const Hash> siblings);

}  // namespace vcc::vm
