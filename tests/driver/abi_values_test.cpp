// The driver's run-time ABI values (driver/artifacts/abi_values) against the
// stdlib's compile-time codec (stdlib/include/vcc/abi): random JSON values
// encode to bytes that the strict stdlib decoder accepts and re-encodes to
// the same bytes, and decodeToJson reads them back unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <vcc/abi.hpp>

#include "abi_values.hpp"

namespace vcc::driver {
namespace {

template <class... Ts> void roundTrip(const char* signature, int cases) {
  std::optional<std::vector<AbiType>> types = signatureTypes(signature);
  ASSERT_TRUE(types) << signature;
  std::mt19937_64 random(std::hash<std::string>{}(signature));
  for (int i = 0; i < cases; ++i) {
    std::string json = randomJsonArguments(*types, random);
    std::string error;
    std::optional<JsonValue> values = JsonValue::parse(json, error);
    ASSERT_TRUE(values) << json << ": " << error;
    std::optional<std::vector<uint8_t>> encoded = encodeJsonArguments(*types, *values, error);
    ASSERT_TRUE(encoded) << signature << " " << json << ": " << error;
    std::tuple<Ts...> decoded;
    abi::Error decodeError = std::apply([&](auto&... v) { return abi::decodeArguments(*encoded, v...); }, decoded);
    ASSERT_TRUE(decodeError.ok()) << signature << " " << json << ": " << abi::describe(decodeError);
    std::vector<uint8_t> again = std::apply([](const auto&... v) { return abi::encodeArguments(v...); }, decoded);
    EXPECT_EQ(again, *encoded) << signature << " " << json;
    std::optional<std::string> text = decodeToJson(*types, *encoded);
    ASSERT_TRUE(text) << json;
    std::optional<JsonValue> reparsed = JsonValue::parse(*text, error);
    ASSERT_TRUE(reparsed) << *text;
    std::optional<std::vector<uint8_t>> reencoded = encodeJsonArguments(*types, *reparsed, error);
    ASSERT_TRUE(reencoded) << *text << ": " << error;
    EXPECT_EQ(*reencoded, *encoded) << *text;
  }
}

TEST(AbiValues, AgreesWithTheStdlibCodec) {
  roundTrip<uint32_t, vcc::bytes, vcc::bytes>("multiply(uint32,bytes,bytes)", 200);
  roundTrip<uint8_t, uint64_t, int8_t, int64_t, bool>("s(uint8,uint64,int8,int64,bool)", 300);
  roundTrip<vcc::address, vcc::bytes32, vcc::u256>("e(address,bytes32,uint256)", 200);
  roundTrip<std::string, std::vector<std::string>>("t(string,string[])", 200);
  roundTrip<std::vector<uint32_t>, std::vector<std::vector<int64_t>>, std::vector<vcc::bytes>>(
      "a(uint32[],int64[][],bytes[])", 200);
  // Tuples and fixed arrays, static and dynamic, in the head and behind offsets.
  roundTrip<std::vector<std::tuple<vcc::address, vcc::u256>>>("total((address,uint256)[])", 200);
  roundTrip<std::array<uint8_t, 4>, std::string>("d(uint8[4],string)", 200);
  roundTrip<std::tuple<uint32_t, std::array<uint64_t, 3>>, bool>("s((uint32,uint64[3]),bool)", 200);
  roundTrip<std::array<vcc::bytes, 2>, std::tuple<std::string, std::vector<int16_t>>>(
      "n(bytes[2],(string,int16[]))", 200);
}

// The generator makes long and repetitive arrays, not only short ones.
TEST(AbiValues, GeneratesLongAndRepetitiveArrays) {
  std::vector<AbiType> types = *signatureTypes("f(uint32[])");
  std::mt19937_64 random(7);
  size_t longest = 0, withTies = 0, runs = 300;
  for (size_t i = 0; i < runs; ++i) {
    std::string error;
    std::optional<JsonValue> values = JsonValue::parse(randomJsonArguments(types, random), error);
    ASSERT_TRUE(values) << error;
    const std::vector<JsonValue>& items = values->items()[0].items();
    longest = std::max(longest, items.size());
    std::set<std::string> distinct;
    for (const JsonValue& item : items) distinct.insert(item.text());
    if (items.size() > 16 && distinct.size() <= 3) ++withTies;
  }
  EXPECT_GE(longest, 500u);
  EXPECT_GE(withTies, 20u);
}

// With known words (a store's data roots), a bytes32 argument is one of
// them three times in four; other types are untouched by them.
TEST(AbiValues, KnownWordsBecomeBytes32Arguments) {
  std::vector<AbiType> types = *signatureTypes("f(bytes32,bytes31,(bytes32,uint8))");
  const std::vector<std::string> known = {"0x5eedc0de0123456789abcdef5eedc0de0123456789abcdef5eedc0de01234567",
                                          "0x00000000000000000000000000000000000000000000000000000000000000ff"};
  std::mt19937_64 random(5);
  size_t first = 0, nested = 0, runs = 400;
  for (size_t i = 0; i < runs; ++i) {
    std::string error;
    std::optional<JsonValue> values = JsonValue::parse(randomJsonArguments(types, random, known), error);
    ASSERT_TRUE(values) << error;
    ASSERT_TRUE(encodeJsonArguments(types, *values, error)) << error;
    auto isKnown = [&](const JsonValue& v) { return std::find(known.begin(), known.end(), v.text()) != known.end(); };
    if (isKnown(values->items()[0])) ++first;
    if (isKnown(values->items()[2].items()[0])) ++nested;
    EXPECT_EQ(values->items()[1].text().size(), 2u + 62u);
  }
  EXPECT_GT(first, runs * 6 / 10);
  EXPECT_LT(first, runs * 9 / 10);
  EXPECT_GT(nested, runs * 6 / 10);
  std::mt19937_64 again(5);
  size_t without = 0;
  for (size_t i = 0; i < runs; ++i) {
    std::string error;
    std::optional<JsonValue> values = JsonValue::parse(randomJsonArguments(types, again), error);
    ASSERT_TRUE(values) << error;
    if (values->items()[0].text() == known[0]) ++without;
  }
  EXPECT_EQ(without, 0u);
}

// Mutations of valid arguments are valid arguments, and differ from them.
TEST(AbiValues, MutationsStayValidAndChangeSomething) {
  for (const char* signature : {"a(uint32[],bytes)", "total((address,uint256)[])", "n(bytes[2],(string,int16[]))"}) {
    std::vector<AbiType> types = *signatureTypes(signature);
    std::mt19937_64 random(11);
    size_t changed = 0;
    for (int i = 0; i < 200; ++i) {
      std::string error;
      std::string original = randomJsonArguments(types, random);
      std::optional<JsonValue> values = JsonValue::parse(original, error);
      ASSERT_TRUE(values) << error;
      std::optional<std::vector<uint8_t>> before = encodeJsonArguments(types, *values, error);
      ASSERT_TRUE(before) << original << ": " << error;
      std::string mutated = mutateJsonArguments(types, *values, random);
      std::optional<JsonValue> mutatedValues = JsonValue::parse(mutated, error);
      ASSERT_TRUE(mutatedValues) << mutated << ": " << error;
      std::optional<std::vector<uint8_t>> after = encodeJsonArguments(types, *mutatedValues, error);
      ASSERT_TRUE(after) << signature << " " << mutated << ": " << error;
      if (*after != *before) ++changed;
    }
    EXPECT_GE(changed, 100u) << signature;
  }
}

TEST(AbiValues, RejectsValuesThatDoNotFit) {
  auto error = [](const char* signature, const char* json) {
    std::string message;
    std::optional<JsonValue> values = JsonValue::parse(json, message);
    EXPECT_TRUE(values) << json;
    EXPECT_FALSE(encodeJsonArguments(*signatureTypes(signature), *values, message)) << json;
    return message;
  };
  EXPECT_NE(error("f(uint8)", "[256]").find("does not fit uint8"), std::string::npos);
  EXPECT_NE(error("f(uint8)", "[-1]").find("does not fit uint8"), std::string::npos);
  EXPECT_NE(error("f(int8)", "[-129]").find("does not fit int8"), std::string::npos);
  std::string unused;
  EXPECT_TRUE(encodeJsonArguments(*signatureTypes("f(int8)"), *JsonValue::parse("[-128]", unused), unused));
  EXPECT_NE(error("f(address)", "[\"0x12\"]").find("40 hex digits"), std::string::npos);
  EXPECT_NE(error("f(bytes)", "[\"zz\"]").find("hex bytes"), std::string::npos);
  EXPECT_NE(error("f(uint32,bool)", "[1]").find("expected 2 values"), std::string::npos);
  EXPECT_NE(error("f(uint256)", "[\"0x1" "0000000000000000000000000000000000000000000000000000000000000000\"]").find("not an integer"),
            std::string::npos);
}

TEST(AbiValues, ParsesCanonicalTypesOnly) {
  EXPECT_TRUE(parseAbiType("uint256"));
  EXPECT_TRUE(parseAbiType("int64[][]"));
  EXPECT_TRUE(parseAbiType("bytes32"));
  EXPECT_FALSE(parseAbiType("uint"));
  EXPECT_FALSE(parseAbiType("uint7"));
  EXPECT_FALSE(parseAbiType("uint264"));
  EXPECT_FALSE(parseAbiType("bytes33"));
  EXPECT_EQ(parseAbiType("uint32[2]")->name(), "uint32[2]");
  EXPECT_EQ(parseAbiType("(address,uint256)[]")->name(), "(address,uint256)[]");
  EXPECT_EQ(parseAbiType("((uint8,bytes)[3],string)")->name(), "((uint8,bytes)[3],string)");
  EXPECT_FALSE(parseAbiType("uint32[02]"));
  EXPECT_FALSE(parseAbiType("(uint32"));
  EXPECT_FALSE(parseAbiType("()"));
  EXPECT_FALSE(parseAbiType("(uint32,)"));
  EXPECT_EQ(signatureTypes("f((uint32,bool)[],uint8[4])")->size(), 2u);
  EXPECT_FALSE(signatureTypes("f(uint32,)"));
  EXPECT_EQ(signatureTypes("f()")->size(), 0u);
}

}  // namespace
}  // namespace vcc::driver
