// The header-only keccak256 against published vectors, and incremental
// updates against one-shot hashing across block boundaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "random_types.hpp"
#include "vcc/keccak.hpp"

namespace {

TEST(Keccak256, PublishedVectors) {
  EXPECT_EQ(vcc::keccak256(std::string_view("")).toHex(),
            "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(vcc::keccak256(std::string_view("abc")).toHex(),
            "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  std::string million(1000000, 'a');
  EXPECT_EQ(vcc::keccak256(std::string_view(million)).toHex(),
            "0xfadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96");
}

TEST(Keccak256, IsAConstantExpression) {
  constexpr vcc::bytes32 kEmpty = vcc::keccak256(std::string_view(""));
  static_assert(kEmpty.data[0] == 0xc5 && kEmpty.data[31] == 0x70);
}

TEST(Keccak256, IncrementalEqualsOneShotAcrossBlockBoundaries) {
  abitest::Rng rng{21};
  for (size_t size : {0, 1, 7, 8, 9, 135, 136, 137, 271, 272, 273, 1000}) {
    std::vector<uint8_t> data(size);
    for (uint8_t& byte : data)
      byte = static_cast<uint8_t>(rng.next());
    vcc::bytes32 oneShot = vcc::keccak256(data);
    for (int trial = 0; trial < 20; ++trial) {
      vcc::Keccak256 hasher;
      size_t at = 0;
      while (at < size) {
        size_t piece = std::min<size_t>(size - at, rng.below(150));
        hasher.update(data.data() + at, piece);
        at += piece;
      }
      ASSERT_EQ(hasher.finalize(), oneShot) << size;
    }
  }
}

} // namespace
