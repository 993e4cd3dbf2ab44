// Multi-buffer keccak256Pair (runtime-vm/vm/keccak_x4.hpp) against the scalar
// keccak256Pair, for every implementation this CPU can run.
#include "keccak_x4.hpp"

#include <cstring>
#include <gtest/gtest.h>
#include <ostream>
#include <random>
#include <vector>

namespace vcc::vm {

// Test names and failure messages show the implementation by name.
void PrintTo(KeccakImpl impl, std::ostream* os) {
  *os << keccakImplName(impl);
}

namespace {

constexpr KeccakImpl kAllImpls[] = {KeccakImpl::kAuto, KeccakImpl::kPortable, KeccakImpl::kAvx2,
                                    KeccakImpl::kAvx512};

Hash randomHash(std::mt19937_64& rng) {
  Hash hash;
  for (size_t i = 0; i < hash.size(); i += 8) {
    uint64_t word = rng();
    std::memcpy(hash.data() + i, &word, 8);
  }
  return hash;
}

class KeccakX4Test : public ::testing::TestWithParam<KeccakImpl> {
protected:
  void SetUp() override {
    if (!keccakImplAvailable(GetParam()))
      GTEST_SKIP() << keccakImplName(GetParam()) << " not supported by this CPU";
  }
  KeccakImpl impl() const { return GetParam(); }
};

// Hashes n (4 or 8) pairs through the pointer interface and compares lane by lane.
void expectMatchesScalar(const std::vector<Hash>& left, const std::vector<Hash>& right,
                         KeccakImpl impl, const char* what) {
  const size_t n = left.size();
  ASSERT_TRUE(n == 4 || n == 8);
  std::vector<Hash> out(n);
  const Hash* l[8];
  const Hash* r[8];
  Hash* o[8];
  for (size_t k = 0; k < n; ++k)
    l[k] = &left[k], r[k] = &right[k], o[k] = &out[k];
  if (n == 4) {
    keccak256PairX4(l, r, o, impl);
  } else {
    keccak256PairX8(l, r, o, impl);
  }
  for (size_t k = 0; k < n; ++k) {
    EXPECT_EQ(toHex(out[k]), toHex(keccak256Pair(left[k], right[k])))
        << what << ", lane " << k << " of " << n;
  }
}

TEST(KeccakX4, BestImplIsAvailable) {
  EXPECT_TRUE(keccakImplAvailable(keccakBestImpl()));
  EXPECT_TRUE(keccakImplAvailable(KeccakImpl::kPortable));
  EXPECT_NE(keccakBestImpl(), KeccakImpl::kAuto);
}

TEST_P(KeccakX4Test, ZeroPairsGiveTheZeroTreeHash) {
  for (size_t n : {4, 8}) {
    std::vector<Hash> zeros(n, Hash{});
    expectMatchesScalar(zeros, zeros, impl(), "zeros");
  }
  // keccak256 of 64 zero bytes, the memory tree's level-1 zero hash.
  Hash zero{};
  const Hash* l[4] = {&zero, &zero, &zero, &zero};
  Hash out[4];
  Hash* o[4] = {&out[0], &out[1], &out[2], &out[3]};
  keccak256PairX4(l, l, o, impl());
  for (const Hash& hash : out)
    EXPECT_EQ(toHex(hash), "0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5");
}

TEST_P(KeccakX4Test, RandomPairsMatchScalar) {
  std::mt19937_64 rng(1234);
  for (int iteration = 0; iteration < 2000; ++iteration) {
    for (size_t n : {4, 8}) {
      std::vector<Hash> left(n), right(n);
      for (size_t k = 0; k < n; ++k)
        left[k] = randomHash(rng), right[k] = randomHash(rng);
      expectMatchesScalar(left, right, impl(), "random");
      if (HasFailure()) return;
    }
  }
}

// All lanes equal but one, which differs in a single bit: a lane mix-up or a
// transpose error shows as the wrong lane changing.
TEST_P(KeccakX4Test, EachLaneDiffersAlone) {
  std::mt19937_64 rng(99);
  for (size_t n : {4, 8}) {
    Hash baseLeft = randomHash(rng), baseRight = randomHash(rng);
    for (size_t lane = 0; lane < n; ++lane) {
      for (int bit = 0; bit < 512; bit += 37) {
        std::vector<Hash> left(n, baseLeft), right(n, baseRight);
        Hash& target = bit < 256 ? left[lane] : right[lane];
        target[(bit % 256) / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        expectMatchesScalar(left, right, impl(), "one lane differs");
        if (HasFailure()) return;
      }
    }
  }
}

// Every byte position of every lane, with extreme byte values.
TEST_P(KeccakX4Test, EveryByteOfEveryLane) {
  for (size_t n : {4, 8}) {
    for (int position = 0; position < 64; ++position) {
      for (uint8_t value : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xff}}) {
        std::vector<Hash> left(n, Hash{}), right(n, Hash{});
        for (size_t lane = 0; lane < n; ++lane) {
          Hash& target = position < 32 ? left[lane] : right[lane];
          target[position % 32] = static_cast<uint8_t>(value + lane);
        }
        expectMatchesScalar(left, right, impl(), "byte pattern");
        if (HasFailure()) return;
      }
    }
  }
}

TEST_P(KeccakX4Test, OutputsMayAliasInputs) {
  std::mt19937_64 rng(7);
  for (size_t n : {4, 8}) {
    // out[k] is left[(k + 1) % n]: a lane's output overwrites another's input.
    std::vector<Hash> nodes(2 * n);
    for (Hash& node : nodes)
      node = randomHash(rng);
    std::vector<Hash> expected(n);
    for (size_t k = 0; k < n; ++k)
      expected[k] = keccak256Pair(nodes[k], nodes[n + k]);
    const Hash* l[8];
    const Hash* r[8];
    Hash* o[8];
    for (size_t k = 0; k < n; ++k)
      l[k] = &nodes[k], r[k] = &nodes[n + k], o[k] = &nodes[(k + 1) % n];
    if (n == 4) {
      keccak256PairX4(l, r, o, impl());
    } else {
      keccak256PairX8(l, r, o, impl());
    }
    for (size_t k = 0; k < n; ++k)
      EXPECT_EQ(nodes[(k + 1) % n], expected[k]) << "lane " << k << " of " << n;
  }
}

TEST_P(KeccakX4Test, ContiguousPairsOfEveryCount) {
  std::mt19937_64 rng(42);
  for (size_t count = 0; count <= 70; ++count) {
    std::vector<uint8_t> messages(64 * count);
    for (uint8_t& byte : messages)
      byte = static_cast<uint8_t>(rng());
    std::vector<Hash> out(count);
    keccak256Pairs(messages.data(), count, out.data(), impl());
    for (size_t i = 0; i < count; ++i) {
      Hash left, right;
      std::memcpy(left.data(), messages.data() + 64 * i, 32);
      std::memcpy(right.data(), messages.data() + 64 * i + 32, 32);
      EXPECT_EQ(out[i], keccak256Pair(left, right)) << "pair " << i << " of " << count;
    }
  }
}

// A 4 KiB page reduced level by level in place gives the same root as the
// scalar reduction (the memory tree's pageRoot).
TEST_P(KeccakX4Test, InPlaceLevelReduction) {
  std::mt19937_64 rng(5);
  std::vector<Hash> nodes(128);
  for (Hash& node : nodes)
    node = randomHash(rng);
  std::vector<Hash> expected = nodes;
  for (size_t width = 64; width >= 1; width /= 2) {
    for (size_t i = 0; i < width; ++i)
      expected[i] = keccak256Pair(expected[2 * i], expected[2 * i + 1]);
    keccak256Pairs(reinterpret_cast<const uint8_t*>(nodes.data()), width, nodes.data(), impl());
    for (size_t i = 0; i < width; ++i)
      ASSERT_EQ(nodes[i], expected[i]) << "width " << width << ", node " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(AllImpls, KeccakX4Test, ::testing::ValuesIn(kAllImpls),
                         [](const ::testing::TestParamInfo<KeccakImpl>& implInfo) {
                           return std::string(keccakImplName(implInfo.param));
                         });

} // namespace
} // namespace vcc::vm
