// vcc::u256 arithmetic against 128-bit references and identities, the hex and
// decimal conversions, address and bytes32.
#include <gtest/gtest.h>

#include "random_types.hpp"
#include "vcc/types.hpp"

namespace {

using vcc::u256;
__extension__ typedef unsigned __int128 U128;

u256 fromU128(U128 value) {
  return u256(0, 0, static_cast<uint64_t>(value >> 64), static_cast<uint64_t>(value));
}

TEST(U256, MatchesUnsigned128BitArithmetic) {
  abitest::Rng rng{11};
  for (int i = 0; i < 20000; ++i) {
    uint64_t a = rng.next() >> rng.below(64), b = rng.next() >> rng.below(64);
    U128 wideA = (static_cast<U128>(rng.next()) << 64 | rng.next()) >> rng.below(128);
    U128 wideB = (static_cast<U128>(rng.next()) << 64 | rng.next()) >> rng.below(128);
    ASSERT_EQ(u256(a) * u256(b), fromU128(static_cast<U128>(a) * b));
    ASSERT_EQ(fromU128(wideA) + fromU128(wideB) - fromU128(wideB), fromU128(wideA));
    if (wideB != 0) {
      ASSERT_EQ(fromU128(wideA) / fromU128(wideB), fromU128(wideA / wideB));
      ASSERT_EQ(fromU128(wideA) % fromU128(wideB), fromU128(wideA % wideB));
    }
    ASSERT_EQ(fromU128(wideA) < fromU128(wideB), wideA < wideB);
    ASSERT_EQ(fromU128(wideA).lessThan(fromU128(wideB)), wideA < wideB);
    unsigned shift = static_cast<unsigned>(rng.below(128));
    ASSERT_EQ(fromU128(wideA) >> shift, fromU128(wideA >> shift));
    ASSERT_EQ((fromU128(wideA) << shift) >> shift, fromU128(wideA));
  }
}

TEST(U256, WrapsModulo2To256) {
  EXPECT_EQ(u256::max() + 1u, u256());
  EXPECT_EQ(u256() - 1u, u256::max());
  EXPECT_EQ(-u256(1u), u256::max());
  EXPECT_EQ(u256::max() * u256::max(), u256(1u)); // (-1)^2
  EXPECT_EQ(u256(1u) << 255 << 1, u256());
  EXPECT_EQ(u256(1u) << 256, u256());
  EXPECT_EQ(u256::max() >> 300, u256());
}

TEST(U256, CarriesAndBorrowsCrossLimbs) {
  u256 lowMax(0, 0, 0, ~0ull);
  EXPECT_EQ(lowMax + 1u, u256(0, 0, 1, 0));
  EXPECT_EQ(u256(1, 0, 0, 0) - 1u, u256(0, ~0ull, ~0ull, ~0ull));
  EXPECT_EQ(u256(0, 0, 1, 0) * u256(0, 0, 1, 0), u256(0, 1, 0, 0));
}

TEST(U256, DivisionByZeroIsZero) {
  EXPECT_EQ(u256(7u) / u256(), u256());
  EXPECT_EQ(u256(7u) % u256(), u256());
}

TEST(U256, DivisionOfFullWidthValues) {
  abitest::Rng rng{12};
  for (int i = 0; i < 2000; ++i) {
    u256 a(rng.next(), rng.next(), rng.next(), rng.next());
    u256 b = u256(rng.next(), rng.next(), rng.next(), rng.next()) >>
             static_cast<unsigned>(rng.below(256));
    if (b.isZero()) continue;
    u256 q = a / b, r = a % b;
    ASSERT_TRUE(r < b);
    ASSERT_EQ(q * b + r, a);
  }
}

TEST(U256, HexAndDecimalRoundTrip) {
  EXPECT_EQ(u256().toHex(), "0x0");
  EXPECT_EQ(u256().toDecimal(), "0");
  EXPECT_EQ(u256(255u).toHex(), "0xff");
  EXPECT_EQ(u256::max().toDecimal(),
            "115792089237316195423570985008687907853269984665640564039457584007913129639935");
  abitest::Rng rng{13};
  for (int i = 0; i < 500; ++i) {
    u256 value = u256(rng.next(), rng.next(), rng.next(), rng.next()) >>
                 static_cast<unsigned>(rng.below(256));
    u256 back;
    ASSERT_TRUE(u256::fromHex(value.toHex(), back));
    ASSERT_EQ(back, value);
    ASSERT_TRUE(u256::fromDecimal(value.toDecimal(), back));
    ASSERT_EQ(back, value);
  }
}

TEST(U256, ParsingRejectsOverflowAndJunk) {
  u256 value;
  EXPECT_FALSE(u256::fromDecimal(
      "115792089237316195423570985008687907853269984665640564039457584007913129639936", value));
  EXPECT_FALSE(u256::fromDecimal(
      "1157920892373161954235709850086879078532699846656405640394575840079131296399350", value));
  EXPECT_FALSE(u256::fromDecimal("", value));
  EXPECT_FALSE(u256::fromDecimal("-1", value));
  EXPECT_FALSE(u256::fromDecimal("12a", value));
  EXPECT_FALSE(u256::fromHex("0x", value));
  EXPECT_FALSE(u256::fromHex("0x1" + std::string(64, '0'), value));
  EXPECT_FALSE(u256::fromHex("0xg", value));
}

TEST(U256, BigEndianBytes) {
  u256 value(0x0102030405060708ull, 0, 0, 0x1112131415161718ull);
  vcc::bytes32 word = value.toBytes32();
  EXPECT_EQ(word.data[0], 0x01);
  EXPECT_EQ(word.data[31], 0x18);
  EXPECT_EQ(u256::fromBytes32(word), value);
}

TEST(U256, ConstantExpressions) {
  constexpr u256 a = u256(3u) * u256(5u) + 2u;
  static_assert(a == u256(17u));
  static_assert(a.bitWidth() == 5);
  static_assert((u256::max() >> 255) == u256(1u));
}

TEST(Address, HexRoundTripAndComparison) {
  vcc::address a, b;
  ASSERT_TRUE(vcc::address::fromHex("0x5B38Da6a701c568545dCfcB03FcB875f56beddC4", a));
  EXPECT_EQ(a.toHex(), "0x5b38da6a701c568545dcfcb03fcb875f56beddc4");
  EXPECT_FALSE(vcc::address::fromHex("0x5b38", b));
  EXPECT_TRUE(b.isZero());
  EXPECT_LT(b, a);
  EXPECT_NE(a, b);
}

TEST(Bytes32, HexRoundTrip) {
  vcc::bytes32 word;
  std::string text = "0x" + std::string(62, '0') + "2a";
  ASSERT_TRUE(vcc::bytes32::fromHex(text, word));
  EXPECT_EQ(word.toHex(), text);
  EXPECT_EQ(word.data[31], 42);
}

} // namespace
