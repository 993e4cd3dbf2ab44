// vcc::ops::layernorm and rmsnorm against the reference (bit for bit), with
// and without the affine parameters, and accuracy against double precision.
#include "support/inputs.hpp"
#include "support/reference.hpp"
#include "support/threads_backend.hpp"
#include "vcc/ops.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace {

using vcc::ops::testing::firstDifference;
using vcc::ops::testing::randomValues;
using vcc::ops::testing::Rng;
using vcc::ops::testing::ScopedThreads;

template <class T> T opsRsqrt(T x) {
  return vcc::ops::detail::reciprocalSquareRoot(x);
}

template <class T>
void expectLayernormMatches(size_t rows, size_t cols, int specials, uint64_t seed) {
  Rng rng(seed);
  auto x = randomValues<T>(rows * cols, rng, -3, 7, {specials});
  auto gamma = randomValues<T>(cols, rng, 0.5, 1.5, {specials});
  auto beta = randomValues<T>(cols, rng, -1, 1, {specials});
  const T eps = T(1e-5);
  for (int affine = 0; affine < 4; ++affine) {
    const T* g = affine & 1 ? gamma.data() : nullptr;
    const T* b = affine & 2 ? beta.data() : nullptr;
    auto expected = vcc::ops::reference::layernorm(x, g, b, eps, rows, cols, opsRsqrt<T>);
    std::vector<T> y(x.size());
    vcc::ops::layernorm(x.data(), g, b, eps, y.data(), rows, cols);
    EXPECT_EQ(firstDifference(y, expected), y.size())
        << rows << "x" << cols << " affine " << affine;
  }
}

template <class T>
void expectRmsnormMatches(size_t rows, size_t cols, int specials, uint64_t seed) {
  Rng rng(seed);
  auto x = randomValues<T>(rows * cols, rng, -3, 7, {specials});
  auto gamma = randomValues<T>(cols, rng, 0.5, 1.5, {specials});
  const T eps = T(1e-6);
  for (const T* g : {static_cast<const T*>(nullptr), static_cast<const T*>(gamma.data())}) {
    auto expected = vcc::ops::reference::rmsnorm(x, g, eps, rows, cols, opsRsqrt<T>);
    std::vector<T> y(x.size());
    vcc::ops::rmsnorm(x.data(), g, eps, y.data(), rows, cols);
    EXPECT_EQ(firstDifference(y, expected), y.size()) << rows << "x" << cols;
  }
}

TEST(Layernorm, MatchesReferenceBitForBit) {
  for (size_t cols : {1, 2, 255, 256, 257, 768, 4100}) {
    expectLayernormMatches<float>(4, cols, 0, cols);
    expectLayernormMatches<double>(4, cols, 0, cols);
  }
}

TEST(Layernorm, SpecialValuesMatchReference) {
  for (size_t cols : {3, 100, 600}) {
    expectLayernormMatches<float>(30, cols, 20, 7 + cols);
    expectLayernormMatches<double>(30, cols, 20, 8 + cols);
  }
}

TEST(Rmsnorm, MatchesReferenceBitForBit) {
  for (size_t cols : {1, 2, 255, 256, 257, 768, 4100}) {
    expectRmsnormMatches<float>(4, cols, 0, cols);
    expectRmsnormMatches<double>(4, cols, 0, cols);
  }
}

TEST(Rmsnorm, SpecialValuesMatchReference) {
  for (size_t cols : {3, 100, 600}) {
    expectRmsnormMatches<float>(30, cols, 20, 9 + cols);
    expectRmsnormMatches<double>(30, cols, 20, 10 + cols);
  }
}

TEST(Layernorm, ThreadCountDoesNotChangeBits) {
  Rng rng(12);
  const size_t rows = 2500, cols = 40;
  auto x = randomValues<float>(rows * cols, rng, -3, 3, {5});
  std::vector<float> serial(x.size());
  vcc::ops::layernorm(x.data(), static_cast<const float*>(nullptr),
                      static_cast<const float*>(nullptr), 1e-5f, serial.data(), rows, cols);
  ScopedThreads scoped(3);
  std::vector<float> parallel(x.size());
  vcc::ops::layernorm(x.data(), static_cast<const float*>(nullptr),
                      static_cast<const float*>(nullptr), 1e-5f, parallel.data(), rows, cols);
  EXPECT_EQ(firstDifference(parallel, serial), serial.size());
}

TEST(Layernorm, IsAccurateAgainstDouble) {
  Rng rng(13);
  const size_t rows = 8, cols = 1000;
  auto x = randomValues<float>(rows * cols, rng, 10, 12); // a large mean: the two-pass form matters
  std::vector<float> y(x.size());
  vcc::ops::layernorm(x.data(), static_cast<const float*>(nullptr),
                      static_cast<const float*>(nullptr), 0.0f, y.data(), rows, cols);
  for (size_t r = 0; r < rows; ++r) {
    double mean = 0, var = 0;
    for (size_t j = 0; j < cols; ++j)
      mean += x[r * cols + j];
    mean /= cols;
    for (size_t j = 0; j < cols; ++j)
      var += (x[r * cols + j] - mean) * (x[r * cols + j] - mean);
    var /= cols;
    for (size_t j = 0; j < cols; ++j)
      EXPECT_NEAR(y[r * cols + j], (x[r * cols + j] - mean) / std::sqrt(var), 2e-5)
          << r << "," << j;
  }
}

TEST(Rmsnorm, IsAccurateAgainstDouble) {
  Rng rng(14);
  const size_t rows = 8, cols = 1000;
  auto x = randomValues<float>(rows * cols, rng, -4, 4);
  std::vector<float> y(x.size());
  vcc::ops::rmsnorm(x.data(), static_cast<const float*>(nullptr), 0.0f, y.data(), rows, cols);
  for (size_t r = 0; r < rows; ++r) {
    double ms = 0;
    for (size_t j = 0; j < cols; ++j)
      ms += double(x[r * cols + j]) * x[r * cols + j];
    ms /= cols;
    for (size_t j = 0; j < cols; ++j) {
      double exact = x[r * cols + j] / std::sqrt(ms);
      EXPECT_NEAR(y[r * cols + j], exact, 1e-6 * std::fabs(exact) + 1e-7);
    }
  }
}

} // namespace
