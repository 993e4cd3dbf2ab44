// vcc::ops::softmax against the reference (bit for bit), its special cases,
// thread-count independence, and accuracy against double precision.
#include "support/inputs.hpp"
#include "support/reference.hpp"
#include "support/threads_backend.hpp"
#include "vcc/ops.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace {

using vcc::ops::testing::firstDifference;
using vcc::ops::testing::randomValues;
using vcc::ops::testing::Rng;
using vcc::ops::testing::ScopedThreads;

template <class T> T opsExp(T x) {
  return vcc::ops::detail::exponential(x);
}

template <class T>
void expectMatchesReference(size_t rows, size_t cols, int specialsPerMille, uint64_t seed) {
  Rng rng(seed);
  auto x = randomValues<T>(rows * cols, rng, -30, 30, {specialsPerMille});
  auto expected = vcc::ops::reference::softmax(x, rows, cols, opsExp<T>);
  std::vector<T> y(x.size());
  vcc::ops::softmax(x.data(), y.data(), rows, cols);
  size_t at = firstDifference(y, expected);
  EXPECT_EQ(at, y.size()) << rows << "x" << cols << " element " << at;
}

TEST(Softmax, MatchesReferenceBitForBit) {
  for (size_t cols : {1, 7, 255, 256, 257, 1000, 3000}) {
    expectMatchesReference<float>(5, cols, 0, cols);
    expectMatchesReference<double>(5, cols, 0, cols + 1);
  }
}

TEST(Softmax, SpecialValuesMatchReference) {
  for (size_t cols : {1, 3, 64, 700}) {
    expectMatchesReference<float>(40, cols, 30, 100 + cols);
    expectMatchesReference<double>(40, cols, 30, 200 + cols);
  }
}

TEST(Softmax, InPlaceGivesTheSameBits) {
  Rng rng(3);
  auto x = randomValues<float>(9 * 300, rng, -5, 5);
  std::vector<float> y(x.size());
  vcc::ops::softmax(x.data(), y.data(), 9, 300);
  vcc::ops::softmax(x.data(), x.data(), 9, 300);
  EXPECT_EQ(firstDifference(x, y), x.size());
}

TEST(Softmax, DocumentedSpecialRows) {
  const float inf = std::numeric_limits<float>::infinity(),
              nan = std::numeric_limits<float>::quiet_NaN();
  float x[5][3] = {{1, nan, 2}, {1, inf, 2}, {-inf, -inf, -inf}, {-inf, 0, -inf}, {5, 5, 5}};
  float y[5][3];
  vcc::ops::softmax(&x[0][0], &y[0][0], 5, 3);
  for (int row = 0; row < 3; ++row)
    for (float v : y[row])
      EXPECT_EQ(std::bit_cast<uint32_t>(v), 0x7fc00000u) << "row " << row;
  EXPECT_EQ(y[3][0], 0.0f);
  EXPECT_EQ(y[3][1], 1.0f);
  EXPECT_EQ(y[4][0], 1.0f / 3.0f);
}

TEST(Softmax, ThreadCountDoesNotChangeBits) {
  Rng rng(4);
  for (auto [rows, cols] :
       {std::pair<size_t, size_t>{3000, 33}, {16, 3000}}) { // many short, few long rows
    auto x = randomValues<float>(rows * cols, rng, -10, 10, {5});
    std::vector<float> serial(x.size());
    vcc::ops::softmax(x.data(), serial.data(), rows, cols);
    for (size_t threads : {2, 5}) {
      ScopedThreads scoped(threads);
      std::vector<float> parallel(x.size());
      vcc::ops::softmax(x.data(), parallel.data(), rows, cols);
      EXPECT_EQ(firstDifference(parallel, serial), serial.size()) << threads;
    }
  }
}

TEST(Softmax, IsAccurateAgainstDouble) {
  Rng rng(5);
  const size_t rows = 20, cols = 500;
  auto x = randomValues<float>(rows * cols, rng, -20, 20);
  std::vector<float> y(x.size());
  vcc::ops::softmax(x.data(), y.data(), rows, cols);
  for (size_t r = 0; r < rows; ++r) {
    double m = -1e300, s = 0;
    for (size_t j = 0; j < cols; ++j)
      m = std::max(m, double(x[r * cols + j]));
    for (size_t j = 0; j < cols; ++j)
      s += std::exp(double(x[r * cols + j]) - m);
    for (size_t j = 0; j < cols; ++j) {
      double exact = std::exp(double(x[r * cols + j]) - m) / s;
      // x - m is rounded to float first: up to 2^-19 absolute for |x - m| < 64,
      // so about 2e-6 relative after exp.
      EXPECT_NEAR(y[r * cols + j], exact, 5e-6 * exact + 1e-30) << r << "," << j;
    }
  }
}

} // namespace
