// Ethereum's Recursive Length Prefix encoding (the Yellow Paper, appendix
// B): a strict decoder for untrusted bytes and the encoder's building
// blocks. docs/rlp.md has the format and the rules the decoder enforces.
//
//   vcc::rlp::Item item;
//   if (!vcc::rlp::decode(bytes, item) || !item.list) ...;   // exactly one item
//   vcc::rlp::ListReader fields(item);
//   vcc::rlp::Item field;
//   while (fields.next(field)) ...;                            // false at the end
//   if (!fields.ok()) ...;                                     // a malformed member
//
// Strict means canonical: a length prefix is used only where needed (a
// single byte below 0x80 is its own encoding), lengths are minimal, long
// forms are only for 56 bytes or more, and nothing trails the item. Every
// other input is rejected (decode returns false), never read past its end.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "vcc/types.hpp"

namespace vcc::rlp {

// One decoded item: its payload (a string's bytes, or a list's encoded
// members) and whole encoding.
struct Item {
  std::span<const uint8_t> payload;
  std::span<const uint8_t> encoding;
  bool list = false;
};

// Decodes the item at the start of `in`; `rest` gets the bytes after it.
inline bool decodePrefix(std::span<const uint8_t> in, Item& item, std::span<const uint8_t>& rest) {
  if (in.empty()) return false;
  const uint8_t first = in[0];
  size_t header = 1, length = 0;
  if (first < 0x80) {
    header = 0;
    length = 1;
  } else if (first <= 0xb7 || (first >= 0xc0 && first <= 0xf7)) {
    length = first - (first <= 0xb7 ? 0x80u : 0xc0u);
  } else {
    const size_t bytes = first - (first <= 0xbf ? 0xb7u : 0xf7u);
    if (bytes > 8 || in.size() < 1 + bytes || in[1] == 0) return false;  // at most 2^64 - 1; no leading zero
    uint64_t value = 0;
    for (size_t i = 0; i < bytes; ++i) value = value << 8 | in[1 + i];
    if (value < 56) return false;  // the short form would do
    header = 1 + bytes;
    if (value > in.size()) return false;
    length = static_cast<size_t>(value);
  }
  if (in.size() - header < length) return false;
  item.list = first >= 0xc0;
  item.payload = in.subspan(header, length);
  item.encoding = in.first(header + length);
  // A single byte below 0x80 must be encoded as itself.
  if (!item.list && header == 1 && length == 1 && item.payload[0] < 0x80) return false;
  rest = in.subspan(header + length);
  return true;
}

// Exactly one item, nothing after it.
inline bool decode(std::span<const uint8_t> in, Item& item) {
  std::span<const uint8_t> rest;
  return decodePrefix(in, item, rest) && rest.empty();
}

// The members of a list item, in order.
class ListReader {
public:
  explicit ListReader(const Item& list) : rest_(list.payload), ok_(list.list) {}
  // The next member; false at the end of the list or at a malformed member
  // (then ok() is false).
  bool next(Item& item) {
    if (!ok_ || rest_.empty()) return false;
    ok_ = decodePrefix(rest_, item, rest_);
    return ok_;
  }
  bool ok() const { return ok_; }
  bool atEnd() const { return rest_.empty(); }

private:
  std::span<const uint8_t> rest_;
  bool ok_;
};

// A string item as an unsigned integer: big-endian, no leading zero byte
// (the canonical form of integers), at most 8 bytes for uint64.
inline bool toUint64(const Item& item, uint64_t& value) {
  if (item.list || item.payload.size() > 8 || (!item.payload.empty() && item.payload[0] == 0)) return false;
  value = 0;
  for (uint8_t b : item.payload) value = value << 8 | b;
  return true;
}
inline bool toU256(const Item& item, u256& value) {
  if (item.list || item.payload.size() > 32 || (!item.payload.empty() && item.payload[0] == 0)) return false;
  uint8_t word[32] = {};
  for (size_t i = 0; i < item.payload.size(); ++i) word[32 - item.payload.size() + i] = item.payload[i];
  value = u256::fromBigEndian(word);
  return true;
}

// ---------------------------------------------------------------- encoding
// Appends the header of a string or list whose payload has `length` bytes.
inline void appendHeader(bytes& out, size_t length, bool list) {
  const uint8_t base = list ? 0xc0 : 0x80;
  if (length < 56) {
    out.push_back(static_cast<uint8_t>(base + length));
    return;
  }
  uint8_t be[8];
  size_t n = 0;
  for (uint64_t v = length; v != 0; v >>= 8) be[n++] = static_cast<uint8_t>(v);
  out.push_back(static_cast<uint8_t>(base + 55 + n));
  while (n != 0) out.push_back(be[--n]);
}

// Appends the string item holding `data`.
inline void appendString(bytes& out, std::span<const uint8_t> data) {
  if (!(data.size() == 1 && data[0] < 0x80)) appendHeader(out, data.size(), false);
  out.insert(out.end(), data.begin(), data.end());
}

// Appends an unsigned integer (big-endian, no leading zeros; 0 is "").
inline void appendUint(bytes& out, uint64_t value) {
  uint8_t be[8];
  size_t n = 0;
  for (uint64_t v = value; v != 0; v >>= 8) be[n++] = static_cast<uint8_t>(v);
  uint8_t data[8];
  for (size_t i = 0; i < n; ++i) data[i] = be[n - 1 - i];
  appendString(out, std::span<const uint8_t>(data, n));
}

// The list item whose payload is the concatenated encodings in `payload`.
inline bytes list(std::span<const uint8_t> payload) {
  bytes out;
  appendHeader(out, payload.size(), true);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

}  // namespace vcc::rlp
