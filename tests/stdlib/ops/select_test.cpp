// vcc::ops::argmax_rows and topk: the documented order (NaN first, +0 above
// -0, ties to the lower index), against a stable-sort reference and
// vcc::argmax.
#include "support/inputs.hpp"
#include "support/reference.hpp"
#include "support/threads_backend.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace {

using vcc::ops::testing::randomValues;
using vcc::ops::testing::Rng;
using vcc::ops::testing::sameBits;
using vcc::ops::testing::ScopedThreads;

// Few distinct values, so that ties are common.
template <class T> std::vector<T> tieHeavy(size_t count, Rng& rng, int specials) {
  auto values = randomValues<T>(count, rng, -4, 4, {specials});
  for (auto& v : values)
    if (std::isfinite(v) && v != 0) v = std::round(v);
  return values;
}

template <class T> void expectTopkMatches(size_t rows, size_t cols, size_t k, uint64_t seed) {
  Rng rng(seed);
  auto x = tieHeavy<T>(rows * cols, rng, 60);
  std::vector<T> expectedValues;
  std::vector<size_t> expectedIndices;
  vcc::ops::reference::topk(x, rows, cols, k, expectedValues, expectedIndices);
  std::vector<T> values(rows * k);
  std::vector<size_t> indices(rows * k);
  vcc::ops::topk(x.data(), rows, cols, k, values.data(), indices.data());
  EXPECT_EQ(indices, expectedIndices) << rows << "x" << cols << " k=" << k;
  EXPECT_TRUE(sameBits(values, expectedValues)) << rows << "x" << cols << " k=" << k;
}

TEST(Topk, MatchesStableSortReference) {
  uint64_t seed = 1;
  for (size_t cols : {1, 2, 5, 31, 256, 1000})
    for (size_t k : {1, 2, 3, 8, 64}) {
      expectTopkMatches<float>(7, cols, k, seed++);
      expectTopkMatches<double>(7, cols, k, seed++);
    }
}

TEST(Topk, DocumentedOrderAndPadding) {
  const float nan = std::numeric_limits<float>::quiet_NaN(),
              inf = std::numeric_limits<float>::infinity();
  float x[7] = {-0.0f, 3, nan, 0.0f, inf, 3, nan};
  float values[9];
  size_t indices[9];
  vcc::ops::topk(x, 1, 7, 9, values, indices);
  const size_t expected[9] = {2, 6, 4, 1, 5, 3, 0, 7, 7};
  for (int i = 0; i < 9; ++i)
    EXPECT_EQ(indices[i], expected[i]) << i;
  EXPECT_EQ(std::bit_cast<uint32_t>(values[0]), 0x7fc00000u);
  EXPECT_FALSE(std::signbit(values[5]));
  EXPECT_TRUE(std::signbit(values[6]));
  EXPECT_EQ(values[8], -inf);
}

TEST(ArgmaxRows, EqualsKernelArgmaxOfEachRow) {
  Rng rng(3);
  for (size_t cols : {1, 2, 17, 256, 257, 2000}) {
    const size_t rows = 9;
    auto x = tieHeavy<float>(rows * cols, rng, 30);
    std::vector<size_t> indices(rows);
    vcc::ops::argmax_rows(x.data(), rows, cols, indices.data());
    for (size_t r = 0; r < rows; ++r) {
      EXPECT_EQ(indices[r], vcc::argmax(x.data() + r * cols, cols)) << cols << " row " << r;
      std::vector<float> values;
      std::vector<size_t> top;
      vcc::ops::reference::topk(
          std::vector<float>(x.begin() + r * cols, x.begin() + (r + 1) * cols), 1, cols, 1, values,
          top);
      EXPECT_EQ(indices[r], top[0]);
    }
  }
}

TEST(Topk, ThreadCountDoesNotChangeResults) {
  Rng rng(4);
  const size_t rows = 3000, cols = 50, k = 5;
  auto x = tieHeavy<double>(rows * cols, rng, 30);
  std::vector<double> serialValues(rows * k), parallelValues(rows * k);
  std::vector<size_t> serialIndices(rows * k), parallelIndices(rows * k);
  vcc::ops::topk(x.data(), rows, cols, k, serialValues.data(), serialIndices.data());
  ScopedThreads scoped(3);
  vcc::ops::topk(x.data(), rows, cols, k, parallelValues.data(), parallelIndices.data());
  EXPECT_EQ(parallelIndices, serialIndices);
  EXPECT_TRUE(sameBits(parallelValues, serialValues));
}

} // namespace
