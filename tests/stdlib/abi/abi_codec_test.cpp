// The ABI codec against the Solidity documentation's examples, and one test
// per way calldata can be malformed (docs/abi.md, "Errors"): each checks
// the exact error code and position.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "vcc/abi.hpp"

namespace {

using vcc::address;
using vcc::bytes;
using vcc::bytes32;
using vcc::u256;
using vcc::abi::Error;
using vcc::abi::ErrorCode;

// Bytes from hex, ignoring whitespace and an optional "0x".
bytes fromHex(std::string_view text) {
  std::string digits;
  for (char c : vcc::detail::stripHexPrefix(text)) {
    if (c != ' ' && c != '\n') digits += c;
  }
  bytes out(digits.size() / 2);
  EXPECT_TRUE(vcc::detail::parseHexExact(digits, out.data(), out.size())) << text;
  return out;
}

std::string toHex(const bytes& data) {
  std::string text;
  vcc::detail::appendHex(text, data.data(), data.size());
  return text;
}

// One 32-byte word holding `value` big-endian.
bytes word(uint64_t value) {
  bytes out(32);
  for (int i = 0; i < 8; ++i)
    out[31 - i] = static_cast<uint8_t>(value >> (8 * i));
  return out;
}

bytes concat(std::initializer_list<bytes> parts) {
  bytes out;
  for (const bytes& part : parts)
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

bytes ascii(std::string_view text, size_t padTo) {
  bytes out(text.begin(), text.end());
  out.resize(padTo);
  return out;
}

Error err(ErrorCode code, uint64_t position) {
  return Error{code, position};
}

// ------------------------------------------------------------ type names, selectors

TEST(AbiTypeNames, ScalarsHaveTheirSolidityNames) {
  EXPECT_EQ(vcc::abiTypeName<bool>(), "bool");
  EXPECT_EQ(vcc::abiTypeName<uint8_t>(), "uint8");
  EXPECT_EQ(vcc::abiTypeName<uint16_t>(), "uint16");
  EXPECT_EQ(vcc::abiTypeName<uint32_t>(), "uint32");
  EXPECT_EQ(vcc::abiTypeName<uint64_t>(), "uint64");
  EXPECT_EQ(vcc::abiTypeName<unsigned long long>(), "uint64");
  EXPECT_EQ(vcc::abiTypeName<int8_t>(), "int8");
  EXPECT_EQ(vcc::abiTypeName<int16_t>(), "int16");
  EXPECT_EQ(vcc::abiTypeName<int32_t>(), "int32");
  EXPECT_EQ(vcc::abiTypeName<int64_t>(), "int64");
  EXPECT_EQ(vcc::abiTypeName<address>(), "address");
  EXPECT_EQ(vcc::abiTypeName<bytes32>(), "bytes32");
  EXPECT_EQ(vcc::abiTypeName<u256>(), "uint256");
  EXPECT_EQ(vcc::abiTypeName<bytes>(), "bytes");
  EXPECT_EQ(vcc::abiTypeName<std::string>(), "string");
}

TEST(AbiTypeNames, ArraysAndTuplesNest) {
  EXPECT_EQ(vcc::abiTypeName<std::vector<std::vector<uint32_t>>>(), "uint32[][]");
  EXPECT_EQ(vcc::abiTypeName<std::vector<bytes>>(), "bytes[]");
  EXPECT_EQ(vcc::abiTypeName<std::vector<std::string>>(), "string[]");
  EXPECT_EQ(vcc::abiTypeName<std::vector<int8_t>>(), "int8[]");
  EXPECT_EQ((vcc::abiTypeName<std::array<std::vector<address>, 12>>()), "address[][12]");
  EXPECT_EQ((vcc::abiTypeName<std::vector<std::tuple<uint8_t, std::tuple<bytes, bool>>>>()),
            "(uint8,(bytes,bool))[]");
}

TEST(AbiTypeNames, NonAbiTypesAreRejectedAtCompileTime) {
  static_assert(!vcc::abi::AbiType<char>);
  static_assert(!vcc::abi::AbiType<float>);
  static_assert(!vcc::abi::AbiType<double>);
  static_assert(!vcc::abi::AbiType<std::vector<float>>);
  static_assert(!vcc::abi::AbiType<std::tuple<int, float>>);
  static_assert(vcc::abi::AbiType<std::vector<std::vector<u256>>>);
}

TEST(AbiSelectors, MatchKnownSelectors) {
  static_assert(vcc::abi::selector("transfer(address,uint256)") == 0xa9059cbb);
  EXPECT_EQ(vcc::abi::selector("baz(uint32,bool)"), 0xcdcd77c0u);
  EXPECT_EQ(vcc::abi::selector("sam(bytes,bool,uint256[])"), 0xa5643bf2u);
  EXPECT_EQ(vcc::abi::selector("g(uint256[][],string[])"), 0x2289b18cu);
  EXPECT_EQ(vcc::abi::selector("Error(string)"), vcc::abi::kErrorStringSelector);
}

TEST(AbiSelectors, SignatureAndSelectorAreDerivedFromTheTypes) {
  EXPECT_EQ((vcc::abi::signature<uint32_t, bytes, bytes>("multiply")),
            "multiply(uint32,bytes,bytes)");
  EXPECT_EQ(vcc::abi::signature<>("ping"), "ping()");
  constexpr auto kTransfer = vcc::abi::methodSelector<address, u256>("transfer");
  static_assert(kTransfer == 0xa9059cbb);
  EXPECT_EQ(
      (vcc::abi::methodSelector<std::vector<std::vector<u256>>, std::vector<std::string>>("g")),
      0x2289b18cu);
}

// ------------------------------------------------------------ encodings from the Solidity docs

const bytes kSam = fromHex("a5643bf2"
                           "0000000000000000000000000000000000000000000000000000000000000060"
                           "0000000000000000000000000000000000000000000000000000000000000001"
                           "00000000000000000000000000000000000000000000000000000000000000a0"
                           "0000000000000000000000000000000000000000000000000000000000000004"
                           "6461766500000000000000000000000000000000000000000000000000000000"
                           "0000000000000000000000000000000000000000000000000000000000000003"
                           "0000000000000000000000000000000000000000000000000000000000000001"
                           "0000000000000000000000000000000000000000000000000000000000000002"
                           "0000000000000000000000000000000000000000000000000000000000000003");

const bytes kG = fromHex("2289b18c"
                         "0000000000000000000000000000000000000000000000000000000000000040"
                         "0000000000000000000000000000000000000000000000000000000000000140"
                         "0000000000000000000000000000000000000000000000000000000000000002"
                         "0000000000000000000000000000000000000000000000000000000000000040"
                         "00000000000000000000000000000000000000000000000000000000000000a0"
                         "0000000000000000000000000000000000000000000000000000000000000002"
                         "0000000000000000000000000000000000000000000000000000000000000001"
                         "0000000000000000000000000000000000000000000000000000000000000002"
                         "0000000000000000000000000000000000000000000000000000000000000001"
                         "0000000000000000000000000000000000000000000000000000000000000003"
                         "0000000000000000000000000000000000000000000000000000000000000003"
                         "0000000000000000000000000000000000000000000000000000000000000060"
                         "00000000000000000000000000000000000000000000000000000000000000a0"
                         "00000000000000000000000000000000000000000000000000000000000000e0"
                         "0000000000000000000000000000000000000000000000000000000000000003"
                         "6f6e650000000000000000000000000000000000000000000000000000000000"
                         "0000000000000000000000000000000000000000000000000000000000000003"
                         "74776f0000000000000000000000000000000000000000000000000000000000"
                         "0000000000000000000000000000000000000000000000000000000000000005"
                         "7468726565000000000000000000000000000000000000000000000000000000");

TEST(AbiEncode, StaticArgumentsAreOneWordEach) {
  auto calldata = vcc::abi::encodeCall(vcc::abi::selector("baz(uint32,bool)"), uint32_t{69}, true);
  EXPECT_EQ(toHex(calldata), "cdcd77c0"
                             "0000000000000000000000000000000000000000000000000000000000000045"
                             "0000000000000000000000000000000000000000000000000000000000000001");
}

TEST(AbiEncode, DynamicArgumentsGoToTheTailInOrder) {
  std::vector<u256> numbers = {1u, 2u, 3u};
  auto calldata = vcc::abi::encodeCall(0xa5643bf2, bytes{'d', 'a', 'v', 'e'}, true, numbers);
  EXPECT_EQ(toHex(calldata), toHex(kSam));
}

TEST(AbiEncode, NestedDynamicArrays) {
  std::vector<std::vector<u256>> numbers = {{1u, 2u}, {3u}};
  std::vector<std::string> words = {"one", "two", "three"};
  EXPECT_EQ(toHex(vcc::abi::encodeCall(0x2289b18c, numbers, words)), toHex(kG));
}

TEST(AbiEncode, NegativeIntegersAreSignExtended) {
  EXPECT_EQ(toHex(vcc::abi::encodeArguments(int8_t{-2})), std::string(62, 'f') + "fe");
  EXPECT_EQ(toHex(vcc::abi::encodeArguments(int64_t{-1})), std::string(64, 'f'));
  EXPECT_EQ(toHex(vcc::abi::encodeArguments(int16_t{0x7fff})), std::string(60, '0') + "7fff");
}

TEST(AbiEncode, ResponseIsATupleOfOne) {
  EXPECT_EQ(vcc::abi::encodeResponse(uint32_t{7}), word(7));
  EXPECT_EQ(vcc::abi::encodeResponse(bytes{0xab}),
            concat({word(32), word(1), fromHex("ab" + std::string(62, '0'))}));
}

TEST(AbiDecode, DocsExamplesDecode) {
  bytes dave;
  bool flag = false;
  std::vector<u256> numbers;
  ASSERT_TRUE(vcc::abi::decodeCall(kSam, 0xa5643bf2, dave, flag, numbers).ok());
  EXPECT_EQ(dave, (bytes{'d', 'a', 'v', 'e'}));
  EXPECT_TRUE(flag);
  EXPECT_EQ(numbers, (std::vector<u256>{1u, 2u, 3u}));

  std::vector<std::vector<u256>> nested;
  std::vector<std::string> words;
  ASSERT_TRUE(vcc::abi::decodeCall(kG, 0x2289b18c, nested, words).ok());
  EXPECT_EQ(nested, (std::vector<std::vector<u256>>{{1u, 2u}, {3u}}));
  EXPECT_EQ(words, (std::vector<std::string>{"one", "two", "three"}));
}

TEST(AbiDecode, ExtremeIntegersRoundTrip) {
  auto data = vcc::abi::encodeArguments(int64_t{INT64_MIN}, uint64_t{UINT64_MAX}, int8_t{-128},
                                        u256::max());
  auto decoded = vcc::abi::decode<int64_t, uint64_t, int8_t, u256>(data);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(std::get<0>(decoded.values), INT64_MIN);
  EXPECT_EQ(std::get<1>(decoded.values), UINT64_MAX);
  EXPECT_EQ(std::get<2>(decoded.values), -128);
  EXPECT_EQ(std::get<3>(decoded.values), u256::max());
}

TEST(AbiDecode, NoArgumentsIsExactlyTheSelector) {
  EXPECT_TRUE(vcc::abi::decodeCall(fromHex("12345678"), 0x12345678).ok());
  EXPECT_TRUE(vcc::abi::decodeArguments(bytes{}).ok());
}

TEST(AbiDecode, EmptyValuesDecode) {
  auto data = vcc::abi::encodeArguments(bytes{}, std::string{}, std::vector<std::vector<bool>>{{}});
  EXPECT_EQ(data.size(), 3 * 32 + 32 + 32 + 32 + 32 + 32);
  auto decoded = vcc::abi::decode<bytes, std::string, std::vector<std::vector<bool>>>(data);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(std::get<2>(decoded.values).size(), 1u);
}

TEST(AbiDecode, FixedArraysOfDynamicValuesUseOffsets) {
  std::array<std::string, 2> pair = {"a", "bc"};
  auto data = vcc::abi::encodeArguments(pair);
  EXPECT_EQ(data, concat({word(32), word(64), word(128), word(1), ascii("a", 32), word(2),
                          ascii("bc", 32)}));
  std::array<std::string, 2> back;
  ASSERT_TRUE(vcc::abi::decodeArguments(data, back).ok());
  EXPECT_EQ(back, pair);
}

TEST(AbiDecode, StaticTuplesAreInline) {
  std::tuple<uint8_t, bool> inner{5, true};
  EXPECT_EQ(vcc::abi::encodeArguments(inner, uint16_t{9}), concat({word(5), word(1), word(9)}));
}

// ------------------------------------------------------------ malformed calldata: one test each

TEST(AbiMalformed, CalldataShorterThanASelector) {
  EXPECT_EQ(vcc::abi::decodeCall(fromHex("cdcd77"), 0xcdcd77c0), err(ErrorCode::ShortInput, 0));
  EXPECT_EQ(vcc::abi::decodeCall(bytes{}, 0xcdcd77c0), err(ErrorCode::ShortInput, 0));
}

TEST(AbiMalformed, WrongSelector) {
  uint32_t a = 0;
  bool b = false;
  auto calldata = vcc::abi::encodeCall(0xcdcd77c1, uint32_t{1}, true);
  EXPECT_EQ(vcc::abi::decodeCall(calldata, 0xcdcd77c0, a, b), err(ErrorCode::BadSelector, 0));
}

TEST(AbiMalformed, MissingArgumentWord) {
  uint32_t a = 0;
  bool b = false;
  auto calldata = concat({fromHex("cdcd77c0"), word(69)});
  EXPECT_EQ(vcc::abi::decodeCall(calldata, 0xcdcd77c0, a, b), err(ErrorCode::ShortInput, 36));
}

TEST(AbiMalformed, TruncatedLastWord) {
  uint32_t a = 0;
  bool b = false;
  auto calldata = vcc::abi::encodeCall(0xcdcd77c0, uint32_t{69}, true);
  calldata.pop_back();
  EXPECT_EQ(vcc::abi::decodeCall(calldata, 0xcdcd77c0, a, b), err(ErrorCode::ShortInput, 36));
}

TEST(AbiMalformed, UintHighBytesNotZero) {
  uint32_t value = 0;
  bytes data = word(0x45);
  data[27] = 1; // just above the 4 value bytes
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, Uint64HighBytesNotZero) {
  uint64_t value = 0;
  bytes data = word(UINT64_MAX);
  data[0] = 0x80;
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, NegativeIntNotSignExtended) {
  int16_t value = 0;
  bytes data = word(0xffff); // -1 as int16 without the sign extension
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, PositiveIntWithOnesAbove) {
  int16_t value = 0;
  bytes data = fromHex(std::string(60, 'f') + "7fff"); // sign bit of int16 is 0, fill is 1s
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, BoolGreaterThanOne) {
  bool value = false;
  EXPECT_EQ(vcc::abi::decodeArguments(word(2), value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, BoolWithHighBitsSet) {
  bool value = false;
  bytes data = word(1);
  data[0] = 1;
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, AddressHighBytesNotZero) {
  address value;
  bytes data = word(1);
  data[11] = 0xaa;
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 0));
}

TEST(AbiMalformed, BytesPaddingNotZero) {
  bytes value;
  bytes data = concat({word(32), word(4), ascii("dave", 32)});
  data.back() = 1;
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 64));
}

TEST(AbiMalformed, StringPaddingNotZero) {
  std::string value;
  bytes data = concat({word(32), word(33), ascii(std::string(33, 'x'), 64)});
  data[64 + 33] = ' ';
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalPadding, 96));
}

TEST(AbiMalformed, BytesPaddingMissing) {
  bytes value;
  bytes data = concat({word(32), word(4), ascii("dave", 4)});
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::ShortInput, 64));
}

TEST(AbiMalformed, BytesLengthBeyondInput) {
  bytes value;
  bytes data = concat({word(32), word(33), ascii("x", 32)});
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::LengthOutOfRange, 32));
}

TEST(AbiMalformed, BytesLengthAbove64Bits) {
  bytes value;
  bytes length = word(0);
  length[0] = 1;
  EXPECT_EQ(vcc::abi::decodeArguments(concat({word(32), length}), value),
            err(ErrorCode::LengthOutOfRange, 32));
}

TEST(AbiMalformed, MissingLengthWord) {
  std::string value;
  EXPECT_EQ(vcc::abi::decodeArguments(word(32), value), err(ErrorCode::ShortInput, 32));
}

TEST(AbiMalformed, HugeArrayLengthIsRejectedBeforeAllocating) {
  std::vector<u256> values;
  EXPECT_EQ(vcc::abi::decodeArguments(concat({word(32), word(UINT64_MAX)}), values),
            err(ErrorCode::LengthOutOfRange, 32));
  std::vector<std::vector<bool>> nested;
  EXPECT_EQ(vcc::abi::decodeArguments(concat({word(32), word(uint64_t{1} << 62)}), nested),
            err(ErrorCode::LengthOutOfRange, 32));
  EXPECT_TRUE(nested.empty());
}

TEST(AbiMalformed, ArrayLengthOneMoreThanTheInputHolds) {
  std::vector<uint32_t> values;
  bytes data = concat({word(32), word(3), word(1), word(2)}); // room for two elements
  EXPECT_EQ(vcc::abi::decodeArguments(data, values), err(ErrorCode::LengthOutOfRange, 32));
}

TEST(AbiMalformed, OffsetPastTheEnd) {
  bytes value;
  EXPECT_EQ(vcc::abi::decodeArguments(concat({word(96), word(0)}), value),
            err(ErrorCode::OffsetOutOfRange, 0));
}

TEST(AbiMalformed, OffsetAbove64Bits) {
  bytes value;
  bytes offset = word(32);
  offset[3] = 1;
  EXPECT_EQ(vcc::abi::decodeArguments(concat({offset, word(0)}), value),
            err(ErrorCode::OffsetOutOfRange, 0));
}

TEST(AbiMalformed, OffsetPointingIntoTheHeads) {
  // bytes, bytes: the second offset points at the second head itself.
  bytes a, b;
  bytes data = concat({word(64), word(32), word(1), ascii("x", 32)});
  EXPECT_EQ(vcc::abi::decodeArguments(data, a, b), err(ErrorCode::NonCanonicalOffset, 32));
}

TEST(AbiMalformed, OffsetLeavingAGap) {
  bytes value;
  bytes data = concat({word(64), word(0), word(1), ascii("x", 32)});
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalOffset, 0));
}

TEST(AbiMalformed, OffsetsSharingOneTail) {
  // Both strings point at the same tail: Solidity would decode "x", "x".
  std::string a, b;
  bytes data = concat({word(64), word(64), word(1), ascii("x", 32)});
  data[63] = 64;
  EXPECT_EQ(vcc::abi::decodeArguments(data, a, b), err(ErrorCode::NonCanonicalOffset, 32));
}

TEST(AbiMalformed, OffsetNotAMultipleOf32) {
  bytes value;
  bytes data = concat({word(33), bytes(1), word(1), ascii("x", 32)});
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::NonCanonicalOffset, 0));
}

TEST(AbiMalformed, NestedArrayOffsetWrong) {
  // uint32[][] = [[7]]: outer offset 32, length 1, inner offset 32 (relative to
  // the inner heads at byte 64), inner length 1, 7. Break the inner offset.
  std::vector<std::vector<uint32_t>> values = {{7}};
  bytes data = vcc::abi::encodeArguments(values);
  ASSERT_EQ(data, concat({word(32), word(1), word(32), word(1), word(7)}));
  data[95] = 128; // past the end: the inner heads start at 64, the input has 160 bytes
  EXPECT_EQ(vcc::abi::decodeArguments(data, values), err(ErrorCode::OffsetOutOfRange, 64));
  data[95] = 0;
  EXPECT_EQ(vcc::abi::decodeArguments(data, values), err(ErrorCode::NonCanonicalOffset, 64));
}

TEST(AbiMalformed, NestedElementTruncated) {
  std::vector<bytes> values = {{1, 2, 3}, {4}};
  bytes data = vcc::abi::encodeArguments(values);
  data.resize(data.size() - 32); // the second element's content word
  EXPECT_EQ(vcc::abi::decodeArguments(data, values),
            err(ErrorCode::LengthOutOfRange, data.size() - 32));
}

TEST(AbiMalformed, TrailingByte) {
  uint32_t a = 0;
  bool b = false;
  auto calldata = vcc::abi::encodeCall(0xcdcd77c0, uint32_t{69}, true);
  calldata.push_back(0);
  EXPECT_EQ(vcc::abi::decodeCall(calldata, 0xcdcd77c0, a, b), err(ErrorCode::TrailingBytes, 68));
}

TEST(AbiMalformed, TrailingZeroWordAfterDynamicValue) {
  bytes value;
  bytes data = concat({vcc::abi::encodeArguments(bytes{1}), word(0)});
  EXPECT_EQ(vcc::abi::decodeArguments(data, value), err(ErrorCode::TrailingBytes, 96));
}

TEST(AbiMalformed, ArgumentsToAMethodWithoutParameters) {
  EXPECT_EQ(vcc::abi::decodeCall(concat({fromHex("12345678"), word(0)}), 0x12345678),
            err(ErrorCode::TrailingBytes, 4));
}

TEST(AbiMalformed, PositionsCountTheSelector) {
  bool value = false;
  bytes args = word(2);
  EXPECT_EQ(vcc::abi::decodeArguments(args, value), err(ErrorCode::NonCanonicalPadding, 0));
  EXPECT_EQ(vcc::abi::decodeCall(concat({fromHex("0badf00d"), args}), 0x0badf00d, value),
            err(ErrorCode::NonCanonicalPadding, 4));
}

TEST(AbiMalformed, FirstErrorInDecodingOrderWins) {
  // Dirty padding in the first string's tail and a bad bool after it: the
  // string's tail is decoded when its head is reached, before the bool.
  std::string text;
  bool flag = false;
  bytes data = concat({word(64), word(7), word(1), ascii("x", 32)});
  data.back() = 1;
  EXPECT_EQ(vcc::abi::decodeArguments(data, text, flag), err(ErrorCode::NonCanonicalPadding, 96));
}

TEST(AbiErrors, EveryCodeHasANameAndAMessage) {
  for (int code = 0; code < vcc::abi::kErrorCodeCount; ++code) {
    auto value = static_cast<ErrorCode>(code);
    EXPECT_NE(vcc::abi::errorName(value), "Unknown");
    EXPECT_NE(vcc::abi::errorMessage(value), "unknown error");
  }
  EXPECT_EQ(vcc::abi::describe(err(ErrorCode::TrailingBytes, 68)),
            "abi: bytes after the end of the encoding at byte 68 (TrailingBytes)");
}

TEST(AbiErrors, ErrorResponseIsSolidityErrorString) {
  Error error = err(ErrorCode::BadSelector, 0);
  auto response = vcc::abi::errorResponse(error);
  std::string message;
  ASSERT_TRUE(vcc::abi::decodeCall(response, vcc::abi::kErrorStringSelector, message).ok());
  EXPECT_EQ(message, vcc::abi::describe(error));
}

} // namespace
