// The driver's run-time ABI values (driver/artifacts/abi_values) against the
// stdlib's compile-time codec (stdlib/include/vcc/abi): random JSON values
// encode to bytes that the strict stdlib decoder accepts and re-encodes to
// the same bytes, and decodeToJson reads them back unchanged.
#include <gtest/gtest.h>

#include <random>
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
  EXPECT_FALSE(parseAbiType("uint32[2]"));
  EXPECT_FALSE(signatureTypes("f(uint32,)"));
  EXPECT_EQ(signatureTypes("f()")->size(), 0u);
}

}  // namespace
}  // namespace vcc::driver
