// Randomized round trips over randomized types (random_types.hpp): every
// encoding decodes to the same values, and strict decoding is a bijection:
// any mutated input either fails or is exactly the canonical encoding of
// what it decodes to.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "random_types.hpp"

namespace {

using abitest::argumentLists;
using abitest::Rng;

std::string hex(const std::vector<uint8_t>& data) {
  std::string text;
  vcc::detail::appendHex(text, data.data(), data.size());
  return text;
}

TEST(AbiRoundTrip, RandomValuesOfRandomTypes) {
  Rng rng{1};
  size_t cases = 0;
  for (const auto& list : argumentLists()) {
    for (int i = 0; i < 40; ++i) {
      std::string json, decodedJson;
      std::vector<uint8_t> encoding, reencoded;
      list.random(rng, json, encoding);
      vcc::abi::Error error = list.decode(encoding, decodedJson, reencoded);
      ASSERT_TRUE(error.ok()) << list.signature << " " << json << ": " << vcc::abi::describe(error);
      ASSERT_EQ(decodedJson, json) << list.signature;
      ASSERT_EQ(hex(reencoded), hex(encoding)) << list.signature;
      ++cases;
    }
  }
  EXPECT_GT(cases, 4000u);
}

TEST(AbiRoundTrip, JsonValuesEncodeLikeTheOriginals) {
  Rng rng{2};
  for (const auto& list : argumentLists()) {
    std::string json;
    std::vector<uint8_t> encoding, fromJson;
    list.random(rng, json, encoding);
    abitest::Json parsed;
    ASSERT_TRUE(abitest::JsonParser(json).parse(parsed)) << json;
    ASSERT_TRUE(list.encode(parsed, fromJson)) << list.signature << " " << json;
    ASSERT_EQ(hex(fromJson), hex(encoding)) << list.signature;
  }
}

// Mutations that keep most of the structure: flip a bit, set a byte, write
// a small number into a word (offsets and lengths), cut or extend the input.
std::vector<uint8_t> mutate(Rng& rng, std::vector<uint8_t> data) {
  switch (rng.below(6)) {
  case 0:
    if (!data.empty()) data[rng.below(data.size())] ^= static_cast<uint8_t>(1u << rng.below(8));
    break;
  case 1:
    if (!data.empty()) data[rng.below(data.size())] = static_cast<uint8_t>(rng.next());
    break;
  case 2:
    if (data.size() >= 32) {
      size_t at = rng.below(data.size() / 32) * 32;
      uint64_t value = rng.below(3) == 0 ? rng.next() : rng.below(data.size() + 64);
      for (int i = 0; i < 8; ++i)
        data[at + 31 - i] = static_cast<uint8_t>(value >> (8 * i));
    }
    break;
  case 3: data.resize(rng.below(data.size() + 1)); break;
  case 4:
    data.resize(data.size() + 1 + rng.below(64),
                static_cast<uint8_t>(rng.chance(50) ? 0 : rng.next()));
    break;
  default:
    if (data.size() >= 32) { // swap two words
      size_t a = rng.below(data.size() / 32) * 32, b = rng.below(data.size() / 32) * 32;
      for (int i = 0; i < 32; ++i)
        std::swap(data[a + i], data[b + i]);
    }
    break;
  }
  return data;
}

TEST(AbiStrictness, AcceptedInputsAreCanonical) {
  Rng rng{3};
  size_t accepted = 0, rejected = 0;
  for (const auto& list : argumentLists()) {
    for (int i = 0; i < 10; ++i) {
      std::string json;
      std::vector<uint8_t> encoding;
      list.random(rng, json, encoding);
      for (int m = 0; m < 20; ++m) {
        std::vector<uint8_t> mutated = mutate(rng, encoding);
        std::string decodedJson;
        std::vector<uint8_t> reencoded;
        vcc::abi::Error error = list.decode(mutated, decodedJson, reencoded);
        if (error.ok()) {
          ASSERT_EQ(hex(reencoded), hex(mutated)) << list.signature;
          ++accepted;
        } else {
          ASSERT_LE(error.position, mutated.size()) << list.signature;
          ++rejected;
        }
      }
    }
  }
  EXPECT_GT(accepted, 100u);
  EXPECT_GT(rejected, 1000u);
}

TEST(AbiStrictness, AppendedBytesAreTrailingBytes) {
  Rng rng{4};
  for (const auto& list : argumentLists()) {
    std::string json, ignored;
    std::vector<uint8_t> encoding, reencoded;
    list.random(rng, json, encoding);
    size_t end = encoding.size();
    encoding.resize(end + 1 + rng.below(40));
    EXPECT_EQ(list.decode(encoding, ignored, reencoded),
              (vcc::abi::Error{vcc::abi::ErrorCode::TrailingBytes, end}))
        << list.signature;
  }
}

TEST(AbiStrictness, EveryTruncationIsAnError) {
  Rng rng{5};
  for (const auto& list : argumentLists()) {
    std::string json, ignored;
    std::vector<uint8_t> encoding, reencoded;
    list.random(rng, json, encoding);
    for (size_t size = 0; size < encoding.size(); size += 1 + rng.below(16)) {
      std::vector<uint8_t> cut(encoding.begin(),
                               encoding.begin() + static_cast<std::ptrdiff_t>(size));
      EXPECT_FALSE(list.decode(cut, ignored, reencoded).ok())
          << list.signature << " cut at " << size;
    }
  }
}

TEST(AbiEncode, ReservedSizeIsExact) {
  Rng rng{6};
  std::vector<std::tuple<std::string, std::vector<std::vector<uint8_t>>, std::array<int16_t, 2>>>
      values(3);
  abitest::Values<decltype(values)>::random(rng, values);
  auto encoding = vcc::abi::encodeArguments(values);
  EXPECT_EQ(encoding.size(), vcc::abi::detail::tupleBodySize(values));
  EXPECT_EQ(encoding.size(), 32 + vcc::abi::Codec<decltype(values)>::encodedSize(values));
}

} // namespace
