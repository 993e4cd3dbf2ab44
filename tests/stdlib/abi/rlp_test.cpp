// vcc/rlp.hpp and vcc/trie.hpp: the RLP examples of Ethereum's
// specification, one rejected input per strictness rule, round trips, and
// trie roots computed by @ethereumjs/mpt 10.1.3 (the explorer sample's test
// compares whole blocks against it too).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vcc/rlp.hpp"
#include "vcc/trie.hpp"

namespace {

vcc::bytes hex(const std::string& text) {
  vcc::bytes out;
  for (size_t i = 0; i + 1 < text.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoul(text.substr(i, 2), nullptr, 16)));
  return out;
}

vcc::bytes text(const std::string& s) { return vcc::bytes(s.begin(), s.end()); }

std::string toHex(std::span<const uint8_t> data) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : data) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

bool decodes(const std::string& encoding) {
  vcc::rlp::Item item;
  const vcc::bytes in = hex(encoding);
  return vcc::rlp::decode(in, item);
}

TEST(Rlp, EncodesTheSpecificationExamples) {
  vcc::bytes out;
  vcc::rlp::appendString(out, text("dog"));
  EXPECT_EQ(toHex(out), "83646f67");
  vcc::bytes members;
  vcc::rlp::appendString(members, text("cat"));
  vcc::rlp::appendString(members, text("dog"));
  EXPECT_EQ(toHex(vcc::rlp::list(members)), "c88363617483646f67");
  out.clear();
  vcc::rlp::appendString(out, {});
  EXPECT_EQ(toHex(out), "80");
  EXPECT_EQ(toHex(vcc::rlp::list({})), "c0");
  for (auto [value, expected] : {std::pair<uint64_t, const char*>{0, "80"}, {15, "0f"}, {127, "7f"}, {128, "8180"},
                                 {1024, "820400"}, {~0ull, "88ffffffffffffffff"}}) {
    out.clear();
    vcc::rlp::appendUint(out, value);
    EXPECT_EQ(toHex(out), expected) << value;
  }
  out.clear();
  vcc::rlp::appendString(out, text("Lorem ipsum dolor sit amet, consectetur adipisicing elit"));
  EXPECT_EQ(toHex(out).substr(0, 6), "b8384c");
}

TEST(Rlp, DecodesNestedLists) {
  // [ [], [[]], [ [], [[]] ] ]
  const vcc::bytes in = hex("c7c0c1c0c3c0c1c0");
  vcc::rlp::Item item, member;
  ASSERT_TRUE(vcc::rlp::decode(in, item));
  ASSERT_TRUE(item.list);
  vcc::rlp::ListReader reader(item);
  std::vector<size_t> sizes;
  while (reader.next(member)) sizes.push_back(member.encoding.size());
  EXPECT_TRUE(reader.ok());
  EXPECT_EQ(sizes, (std::vector<size_t>{1, 2, 4}));
}

TEST(Rlp, DecodesIntegers) {
  vcc::rlp::Item item;
  uint64_t value = 0;
  const vcc::bytes in = hex("820400");
  ASSERT_TRUE(vcc::rlp::decode(in, item));
  ASSERT_TRUE(vcc::rlp::toUint64(item, value));
  EXPECT_EQ(value, 1024u);
  const vcc::bytes leadingZero = hex("820004");
  ASSERT_TRUE(vcc::rlp::decode(leadingZero, item));
  EXPECT_FALSE(vcc::rlp::toUint64(item, value));
  const vcc::bytes wide = hex("8901ffffffffffffffff");
  ASSERT_TRUE(vcc::rlp::decode(wide, item));
  EXPECT_FALSE(vcc::rlp::toUint64(item, value));
  vcc::u256 big;
  ASSERT_TRUE(vcc::rlp::toU256(item, big));
  EXPECT_EQ(big.limbs[0], ~0ull);
  EXPECT_EQ(big.limbs[1], 1u);
}

TEST(Rlp, RejectsEveryNonCanonicalOrTruncatedForm) {
  EXPECT_TRUE(decodes("83646f67"));
  EXPECT_FALSE(decodes(""));                  // nothing
  EXPECT_FALSE(decodes("8105"));              // a byte below 0x80 with a prefix
  EXPECT_FALSE(decodes("b80500000000"));      // the long form for 5 bytes
  EXPECT_FALSE(decodes("b90038" + std::string(112, '0')));  // a length with a leading zero
  EXPECT_FALSE(decodes("83646f"));            // truncated string
  EXPECT_FALSE(decodes("83646f6767"));        // a byte after the item
  EXPECT_FALSE(decodes("c4836465"));          // a list longer than the input
  EXPECT_FALSE(decodes("bf" "ffffffffffffffff"));  // a 2^64 - 1 byte string
  EXPECT_FALSE(decodes("f8"));                // a long-form list without its length
  // A list whose member is malformed decodes, but its reader stops with !ok().
  const vcc::bytes in = hex("c28105");
  vcc::rlp::Item item, member;
  ASSERT_TRUE(vcc::rlp::decode(in, item));
  vcc::rlp::ListReader reader(item);
  EXPECT_FALSE(reader.next(member));
  EXPECT_FALSE(reader.ok());
}

TEST(Rlp, RoundTripsStringsOfEveryLengthClass) {
  for (size_t length : {0, 1, 2, 55, 56, 255, 256, 70000}) {
    vcc::bytes data(length, 0xab), out;
    vcc::rlp::appendString(out, data);
    vcc::rlp::Item item;
    ASSERT_TRUE(vcc::rlp::decode(out, item)) << length;
    EXPECT_FALSE(item.list);
    EXPECT_TRUE(std::equal(item.payload.begin(), item.payload.end(), data.begin(), data.end())) << length;
  }
}

vcc::bytes32 rootOf(const std::vector<vcc::bytes>& values) {
  std::vector<std::span<const uint8_t>> spans(values.begin(), values.end());
  return vcc::trie::orderedRoot(spans);
}

TEST(Trie, OrderedRootsEqualEthereumjs) {
  EXPECT_EQ(rootOf({}).toHex(), "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  EXPECT_EQ(rootOf({text("a")}).toHex(), "0x0934a6a4a84a455b46bf2e427c90fbc07dbce3fd6fe5b9213cc6cd7c8030792c");
  EXPECT_EQ(rootOf({text("a"), text("b")}).toHex(), "0x60bf70c11e7040276c82c8d38090aae63edb63f8a3f232bfd652a454ace386b1");
  std::vector<vcc::bytes> many, hashed;
  for (int i = 0; i < 200; ++i) many.push_back(text("value " + std::to_string(i)));  // keys past 127: two bytes
  EXPECT_EQ(rootOf(many).toHex(), "0x15ca3ca0b80b5e947a483bf8d14c8528f5de012418f2ba64fa9fc1d542f28a6d");
  for (int i = 0; i < 20; ++i) hashed.push_back(text("a value long enough to be hashed " + std::to_string(i)));
  EXPECT_EQ(rootOf(hashed).toHex(), "0x9351da86f86185d5c3027b6ece390761b6a9420a55864f91d4551f40d233d35d");
}

}  // namespace
