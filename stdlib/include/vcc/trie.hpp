// The root of Ethereum's Merkle-Patricia trie (the Yellow Paper, appendix
// D) over an ordered list, as block headers commit to their transactions,
// receipts and withdrawals: key i is rlp(i), the value the i-th item's
// bytes. docs/rlp.md describes the node encoding.
//
//   vcc::bytes32 root = vcc::trie::orderedRoot(values);   // values: spans of bytes
//
// The empty list gives keccak256(rlp("")) =
// 0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421.
#pragma once
#include <algorithm>
#include <span>
#include <vector>

#include "vcc/keccak.hpp"
#include "vcc/rlp.hpp"
#include "vcc/types.hpp"

namespace vcc::trie {
namespace detail {

struct Entry {
  bytes key;  // nibbles
  std::span<const uint8_t> value;
};

// Hex-prefix encoding of `count` nibbles with the leaf flag.
inline bytes hexPrefix(const uint8_t* nibbles, size_t count, bool leaf) {
  bytes out;
  const uint8_t flag = static_cast<uint8_t>((leaf ? 2 : 0) + (count % 2));
  size_t i = 0;
  if (count % 2 == 1) {
    out.push_back(static_cast<uint8_t>(flag << 4 | nibbles[0]));
    i = 1;
  } else {
    out.push_back(static_cast<uint8_t>(flag << 4));
  }
  for (; i < count; i += 2) out.push_back(static_cast<uint8_t>(nibbles[i] << 4 | nibbles[i + 1]));
  return out;
}

// A child as its parent holds it: the node's encoding when shorter than 32
// bytes, else its keccak256 as a 32-byte string.
inline void appendReference(bytes& out, const bytes& node) {
  if (node.size() < 32) {
    out.insert(out.end(), node.begin(), node.end());
  } else {
    const bytes32 hash = keccak256(node);
    rlp::appendString(out, std::span<const uint8_t>(hash.data, 32));
  }
}

// The encoding of the node over entries [begin, end), sorted by key, which
// share their first `depth` nibbles.
inline bytes node(const std::vector<Entry>& entries, size_t begin, size_t end, size_t depth) {
  bytes payload;
  const Entry& first = entries[begin];
  if (end - begin == 1) {
    const bytes path = hexPrefix(first.key.data() + depth, first.key.size() - depth, true);
    rlp::appendString(payload, path);
    rlp::appendString(payload, first.value);
    return rlp::list(payload);
  }
  // Sorted keys: the prefix all share is the one the first and last share.
  const Entry& last = entries[end - 1];
  size_t common = 0;
  while (depth + common < first.key.size() && depth + common < last.key.size() &&
         first.key[depth + common] == last.key[depth + common])
    ++common;
  if (common > 0) {
    rlp::appendString(payload, hexPrefix(first.key.data() + depth, common, false));
    appendReference(payload, node(entries, begin, end, depth + common));
    return rlp::list(payload);
  }
  size_t i = begin;
  const Entry* here = nullptr;  // a key that ends at this branch sorts first
  if (first.key.size() == depth) here = &entries[i++];
  for (uint8_t nibble = 0; nibble < 16; ++nibble) {
    size_t j = i;
    while (j < end && entries[j].key[depth] == nibble) ++j;
    if (j > i) {
      appendReference(payload, node(entries, i, j, depth + 1));
    } else {
      payload.push_back(0x80);
    }
    i = j;
  }
  if (here != nullptr) {
    rlp::appendString(payload, here->value);
  } else {
    payload.push_back(0x80);
  }
  return rlp::list(payload);
}

}  // namespace detail

// The trie root of values[0..n) under keys rlp(0) .. rlp(n - 1).
inline bytes32 orderedRoot(std::span<const std::span<const uint8_t>> values) {
  if (values.empty()) {
    const uint8_t empty[1] = {0x80};
    return keccak256(std::span<const uint8_t>(empty, 1));
  }
  std::vector<detail::Entry> entries(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    bytes key;
    rlp::appendUint(key, i);
    for (uint8_t b : key) {
      entries[i].key.push_back(b >> 4);
      entries[i].key.push_back(b & 15);
    }
    entries[i].value = values[i];
  }
  std::sort(entries.begin(), entries.end(), [](const detail::Entry& a, const detail::Entry& b) { return a.key < b.key; });
  return keccak256(detail::node(entries, 0, entries.size(), 0));
}

}  // namespace vcc::trie
