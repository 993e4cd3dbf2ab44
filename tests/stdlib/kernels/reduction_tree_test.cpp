// The fixed reduction tree of vcc/kernel.hpp: hand-computed cases that only
// the documented shape gives, an independent reference at leaf boundaries,
// the same bits for every CPU backend and thread count, and the NaN, ±0 and
// infinity rules.
#include "test_support.hpp"
#include "vcc/kernel.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace vcc {
namespace {

using test::bitsOf;

constexpr float kTwo24 = 16777216.0f;  // 2^24: adding 1 rounds back (ties to even)

// The documented tree, written out independently: leaves folded left to
// right, then levels of pairs in index order, an odd last one carried up.
template <class T, class Fold, class Combine>
T referenceTree(size_t n, T identity, Fold fold, Combine combine) {
  if (n == 0) return identity;
  std::vector<T> level;
  for (size_t begin = 0; begin < n; begin += kReduceLeaf) {
    size_t end = std::min(n, begin + kReduceLeaf);
    level.push_back(fold(begin, end));
  }
  while (level.size() > 1) {
    std::vector<T> next;
    for (size_t i = 0; i + 1 < level.size(); i += 2)
      next.push_back(combine(level[i], level[i + 1]));
    if (level.size() % 2) next.push_back(level.back());
    level = next;
  }
  return level[0];
}

template <class T> T referenceSum(const std::vector<T>& x, size_t n) {
  return referenceTree<T>(
      n, T(0),
      [&](size_t b, size_t e) {
        T acc = x[b];
        for (size_t i = b + 1; i < e; ++i)
          acc += x[i];
        return acc;
      },
      [](T a, T b) { return a + b; });
}

template <class T> T referenceDot(const std::vector<T>& x, const std::vector<T>& y, size_t n) {
  return referenceTree<T>(
      n, T(0),
      [&](size_t b, size_t e) {
        T acc = x[b] * y[b];
        for (size_t i = b + 1; i < e; ++i)
          acc = std::fma(x[i], y[i], acc);
        return acc;
      },
      [](T a, T b) { return a + b; });
}

TEST(ReductionTree, LeafFoldsLeftToRight) {
  // (1 + 2^24) rounds to 2^24, then + 1 rounds again; any other order
  // would keep both ones (2^24 + 2).
  std::vector<float> x = {1.0f, kTwo24, 1.0f};
  EXPECT_EQ(reduce_sum(x.data(), x.size()), kTwo24);
}

TEST(ReductionTree, LeavesAreCombinedNotFoldedOnward) {
  // Leaf 0 = 2^24 (its 255 ones are lost one by one); leaf 1 = 256 exactly;
  // the combine adds 256 at once. A plain loop would give 2^24.
  std::vector<float> x(512, 1.0f);
  x[0] = kTwo24;
  EXPECT_EQ(reduce_sum(x.data(), x.size()), kTwo24 + 256.0f);
}

TEST(ReductionTree, OddLastLeafMovesUpUnchanged) {
  // Leaves 2^24, 1, 1: ((2^24 + 1) + 1) = 2^24; 2^24 + (1 + 1) would be 2^24 + 2.
  std::vector<float> x(513, 0.0f);
  x[0] = kTwo24;
  x[256] = 1.0f;
  x[512] = 1.0f;
  EXPECT_EQ(reduce_sum(x.data(), x.size()), kTwo24);
}

TEST(ReductionTree, FiveLeavesPairUpLevelByLevel) {
  // Leaves L0..L4 = 2^24, 1, 1, 1, 2: ((L0+L1) + (L2+L3)) + L4
  //   = (2^24 + 2) + 2 = 2^24 + 4; left to right would give 2^24 + 2.
  std::vector<float> x(1025, 0.0f);
  x[0] = kTwo24;
  x[256] = 1.0f;
  x[512] = 1.0f;
  x[768] = 1.0f;
  x[1024] = 2.0f;
  EXPECT_EQ(reduce_sum(x.data(), x.size()), kTwo24 + 4.0f);
}

TEST(ReductionTree, DotFusesEachStepOfALeaf) {
  // a1*b1 = 1 + 2^-11 + 2^-24 exactly; fused with p0 = -(1 + 2^-11) it
  // leaves 2^-24, which a rounded product followed by an add would lose.
  float e = 1.0f + 0x1p-12f;
  std::vector<float> a = {-(1.0f + 0x1p-11f), e}, b = {1.0f, e};
  EXPECT_EQ(dot(a.data(), b.data(), 2), 0x1p-24f);
}

TEST(ReductionTree, MatchesTheReferenceAtLeafBoundaries) {
  test::Random random(7);
  std::vector<float> xf(5000), yf(5000);
  std::vector<double> xd(5000), yd(5000);
  for (size_t i = 0; i < xf.size(); ++i) {
    xf[i] = static_cast<float>(random.finite(20));
    yf[i] = static_cast<float>(random.finite(20));
    xd[i] = random.finite(40);
    yd[i] = random.finite(40);
  }
  for (size_t n : {0, 1, 2, 255, 256, 257, 511, 512, 513, 767, 768, 769, 1024, 1025, 4097, 5000}) {
    SCOPED_TRACE(n);
    EXPECT_EQ(bitsOf(reduce_sum(xf.data(), n)), bitsOf(referenceSum(xf, n)));
    EXPECT_EQ(bitsOf(reduce_sum(xd.data(), n)), bitsOf(referenceSum(xd, n)));
    EXPECT_EQ(bitsOf(dot(xf.data(), yf.data(), n)), bitsOf(referenceDot(xf, yf, n)));
    EXPECT_EQ(bitsOf(dot(xd.data(), yd.data(), n)), bitsOf(referenceDot(xd, yd, n)));
  }
}

TEST(ReductionTree, EveryCpuBackendAndThreadCountGivesTheSameBits) {
  test::Random random(11);
  const size_t n = 100003;
  std::vector<float> xf(n), yf(n);
  std::vector<double> xd(n), yd(n);
  for (size_t i = 0; i < n; ++i) {
    xf[i] = static_cast<float>(random.finite(30));
    yf[i] = static_cast<float>(random.finite(30));
    xd[i] = random.finite(60);
    yd[i] = random.finite(60);
  }
  for (size_t length : {size_t{255}, size_t{256}, size_t{257}, size_t{513}, size_t{65537}, n}) {
    SCOPED_TRACE(length);
    auto results = test::resultsOnEveryCpuBackend([&] {
      return std::vector<uint64_t>{bitsOf(reduce_sum(xf.data(), length)),
                                   bitsOf(reduce_sum(xd.data(), length)),
                                   bitsOf(reduce_max(xf.data(), length)),
                                   bitsOf(reduce_max(xd.data(), length)),
                                   argmax(xf.data(), length),
                                   argmax(xd.data(), length),
                                   bitsOf(dot(xf.data(), yf.data(), length)),
                                   bitsOf(dot(xd.data(), yd.data(), length))};
    });
    for (size_t r = 1; r < results.size(); ++r)
      EXPECT_EQ(results[r], results[0]) << "run " << r;
    EXPECT_EQ(results[0][0], bitsOf(referenceSum(xf, length)));
    EXPECT_EQ(results[0][1], bitsOf(referenceSum(xd, length)));
    EXPECT_EQ(results[0][6], bitsOf(referenceDot(xf, yf, length)));
    EXPECT_EQ(results[0][7], bitsOf(referenceDot(xd, yd, length)));
  }
}

TEST(ReductionTree, InterleavedAndFmaFoldsEqualTheSingleLeafFold) {
  // The CPU folds 8 leaves in lockstep, with FMA instructions where the CPU
  // has them; each leaf must still come out as foldLeaf computes it.
  test::Random random(5);
  const size_t n = 20 * kReduceLeaf + 77;
  std::vector<double> a(n), b(n);
  for (size_t i = 0; i < n; ++i)
    a[i] = random.finite(30), b[i] = random.finite(30);
  size_t leaves = (n + kReduceLeaf - 1) / kReduceLeaf;
  std::vector<double> portable(leaves), dispatched(leaves), single(leaves);
  detail::DotLeaf<double> leaf{a.data(), b.data()};
  detail::foldLeavesPortable<double>(leaf, n, 0, leaves, portable.data());
  detail::foldLeaves<double>(leaf, n, 3, leaves,
                             dispatched.data());  // groups start off a multiple of 8
  detail::foldLeaves<double>(leaf, n, 0, 3, dispatched.data());
  for (size_t l = 0; l < leaves; ++l) {
    size_t begin = l * kReduceLeaf;
    single[l] = detail::foldLeaf(leaf, begin, std::min(n, begin + kReduceLeaf));
    EXPECT_EQ(bitsOf(portable[l]), bitsOf(single[l])) << l;
    EXPECT_EQ(bitsOf(dispatched[l]), bitsOf(single[l])) << l;
  }
}

TEST(ReductionTree, GeneralReduceUsesTheSameShape) {
  std::vector<float> x(1025, 0.0f);
  x[0] = kTwo24;
  x[256] = x[512] = x[768] = 1.0f;
  x[1024] = 2.0f;
  const float* data = x.data();
  float sum = reduce(
      x.size(), 0.0f, [=](size_t i) { return data[i]; }, [](float a, float b) { return a + b; });
  EXPECT_EQ(sum, kTwo24 + 4.0f);
  // Non-commutative combine: the order of partial results is index order.
  uint64_t digits = reduce(
      size_t{9}, uint64_t{0}, [](size_t i) { return uint64_t{i + 1}; },
      [](uint64_t a, uint64_t b) {
        uint64_t scale = 1;
        while (scale <= b)
          scale *= 10;
        return a * scale + b;
      });
  EXPECT_EQ(digits, 123456789u);
}

// --- NaN, signed zeros, infinities -----------------------------------------

constexpr uint32_t kCanonicalNaN32 = 0x7fc00000u;
constexpr uint64_t kCanonicalNaN64 = 0x7ff8000000000000u;

TEST(ReductionRules, SumOfNothingIsPlusZero) {
  EXPECT_EQ(bitsOf(reduce_sum(static_cast<const float*>(nullptr), 0)), 0u);
  EXPECT_EQ(bitsOf(dot<double>(nullptr, nullptr, 0)), 0u);
}

TEST(ReductionRules, SignedZerosSumAsIeeeSays) {
  std::vector<float> negative = {-0.0f, -0.0f}, mixed = {-0.0f, 0.0f};
  EXPECT_EQ(bitsOf(reduce_sum(negative.data(), 2)), 0x80000000u);
  EXPECT_EQ(bitsOf(reduce_sum(mixed.data(), 2)), 0u);
  EXPECT_EQ(bitsOf(reduce_sum(negative.data(), 1)), 0x80000000u);
}

TEST(ReductionRules, NaNResultsAreCanonical) {
  float negativeNaN = test::floatFromBits(0xffc01234u);
  std::vector<float> withNaN = {1.0f, negativeNaN, 2.0f};
  std::vector<float> infinities = {std::numeric_limits<float>::infinity(),
                                   -std::numeric_limits<float>::infinity()};
  EXPECT_EQ(bitsOf(reduce_sum(withNaN.data(), 3)), kCanonicalNaN32);
  EXPECT_EQ(bitsOf(reduce_sum(infinities.data(), 2)), kCanonicalNaN32);  // inf - inf
  EXPECT_EQ(bitsOf(reduce_max(withNaN.data(), 3)), kCanonicalNaN32);
  EXPECT_EQ(bitsOf(dot(withNaN.data(), withNaN.data(), 3)), kCanonicalNaN32);
  std::vector<double> zeroTimesInf = {0.0, 1.0},
                      inf = {std::numeric_limits<double>::infinity(), 1.0};
  EXPECT_EQ(bitsOf(dot(zeroTimesInf.data(), inf.data(), 2)), kCanonicalNaN64);
}

TEST(ReductionRules, SumsOverflowToInfinity) {
  float big = std::numeric_limits<float>::max();
  std::vector<float> x = {big, big, -1.0f};
  EXPECT_EQ(reduce_sum(x.data(), 3), std::numeric_limits<float>::infinity());
}

TEST(ReductionRules, MaxOfNothingIsMinusInfinityOrLowest) {
  EXPECT_EQ(reduce_max(static_cast<const float*>(nullptr), 0),
            -std::numeric_limits<float>::infinity());
  EXPECT_EQ(reduce_max(static_cast<const int32_t*>(nullptr), 0),
            std::numeric_limits<int32_t>::lowest());
  EXPECT_EQ(reduce_max(static_cast<const uint16_t*>(nullptr), 0), 0u);
  EXPECT_EQ(argmax(static_cast<const double*>(nullptr), 0), 0u);
}

TEST(ReductionRules, PlusZeroIsGreaterThanMinusZero) {
  std::vector<float> minusFirst = {-0.0f, 0.0f}, plusFirst = {0.0f, -0.0f}, minus = {-0.0f, -0.0f};
  EXPECT_EQ(bitsOf(reduce_max(minusFirst.data(), 2)), 0u);
  EXPECT_EQ(argmax(minusFirst.data(), 2), 1u);
  EXPECT_EQ(bitsOf(reduce_max(plusFirst.data(), 2)), 0u);
  EXPECT_EQ(argmax(plusFirst.data(), 2), 0u);
  EXPECT_EQ(bitsOf(reduce_max(minus.data(), 2)), 0x80000000u);
  EXPECT_EQ(argmax(minus.data(), 2), 0u);
}

TEST(ReductionRules, ArgmaxTakesTheFirstMaximumAcrossLeaves) {
  std::vector<double> x(2000, -1.0);
  x[300] = 5.0;
  x[1700] = 5.0;
  x[10] = 5.0;
  auto results = test::resultsOnEveryCpuBackend([&] { return argmax(x.data(), x.size()); });
  for (size_t index : results)
    EXPECT_EQ(index, 10u);
}

TEST(ReductionRules, NaNIsTheMaximumAndItsFirstIndexWins) {
  std::vector<float> x(2000, 1.0f);
  x[5] = std::numeric_limits<float>::infinity();
  x[700] = test::floatFromBits(0xffc00001u);
  x[1500] = std::numeric_limits<float>::quiet_NaN();
  auto results = test::resultsOnEveryCpuBackend([&] {
    return std::pair<size_t, uint32_t>(argmax(x.data(), x.size()),
                                       bitsOf(reduce_max(x.data(), x.size())));
  });
  for (auto [index, bits] : results) {
    EXPECT_EQ(index, 700u);
    EXPECT_EQ(bits, kCanonicalNaN32);
  }
}

TEST(ReductionRules, InfinitiesOrderAsUsual) {
  std::vector<double> x = {-std::numeric_limits<double>::infinity(), -1e308, 1e308,
                           std::numeric_limits<double>::infinity(), 0.0};
  EXPECT_EQ(reduce_max(x.data(), x.size()), std::numeric_limits<double>::infinity());
  EXPECT_EQ(argmax(x.data(), x.size()), 3u);
  EXPECT_EQ(reduce_max(x.data(), 1), -std::numeric_limits<double>::infinity());
}

TEST(ReductionRules, MaxOfReduceEqualsTheElementAtArgmax) {
  test::Random random(3);
  std::vector<float> x(3001);
  for (float& v : x)
    v = static_cast<float>(random.finite(5));
  for (size_t i = 0; i < x.size(); i += 37)
    x[i] = (i % 2) ? -0.0f : 0.0f;
  EXPECT_EQ(bitsOf(reduce_max(x.data(), x.size())), bitsOf(x[argmax(x.data(), x.size())]));
}

TEST(ReductionRules, IntegerSumsWrapAround) {
  std::vector<int32_t> x = {std::numeric_limits<int32_t>::max(), 1};
  EXPECT_EQ(reduce_sum(x.data(), 2), std::numeric_limits<int32_t>::min());
  std::vector<uint8_t> bytes(300, 1);
  EXPECT_EQ(reduce_sum(bytes.data(), bytes.size()), uint8_t(300 % 256));
}

}  // namespace
}  // namespace vcc
