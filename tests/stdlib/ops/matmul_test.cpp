// vcc::ops::matmul against the naive reference (same documented order ->
// same bits), on one and several threads, with special values; plus an
// accuracy check against double precision.
#include "support/inputs.hpp"
#include "support/reference.hpp"
#include "support/threads_backend.hpp"
#include "vcc/ops.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

namespace {

using vcc::ops::testing::firstDifference;
using vcc::ops::testing::randomIntegers;
using vcc::ops::testing::randomValues;
using vcc::ops::testing::Rng;
using vcc::ops::testing::ScopedThreads;
using vcc::ops::testing::Specials;

struct Shape {
  size_t m, k, n;
};

// Shapes around the tile sizes (6×16 float, 6×8 double), degenerate ones,
// one large enough to be split among threads, and single rows (the row
// path: blocks of 8, 16, 32 or 64 columns, a partial block, k = 0).
const Shape kShapes[] = {{1, 1, 1},    {0, 3, 4},    {3, 0, 4},     {4, 3, 0},   {6, 5, 16},
                         {7, 9, 17},   {13, 1, 33},  {5, 64, 3},    {37, 29, 41}, {64, 64, 64},
                         {97, 130, 71}, {1, 0, 70},  {1, 7, 63},    {1, 130, 64}, {1, 257, 200},
                         {1, 5, 1},    {1, 600, 1031}};

template <class T> void expectMatchesReference(const Shape& s, Specials specials, uint64_t seed) {
  Rng rng(seed);
  auto a = randomValues<T>(s.m * s.k, rng, -2, 2, specials);
  auto b = randomValues<T>(s.k * s.n, rng, -2, 2, specials);
  auto expected = vcc::ops::reference::matmul(a, b, s.m, s.k, s.n);
  std::vector<T> c(s.m * s.n);
  vcc::ops::matmul(a.data(), b.data(), c.data(), s.m, s.k, s.n);
  size_t at = firstDifference(c, expected);
  EXPECT_EQ(at, c.size()) << s.m << "x" << s.k << "x" << s.n << " element " << at << ": " << c[at]
                          << " != " << expected[at];
}

TEST(Matmul, FloatMatchesReferenceBitForBit) {
  for (const Shape& s : kShapes)
    expectMatchesReference<float>(s, {}, 1);
}

TEST(Matmul, DoubleMatchesReferenceBitForBit) {
  for (const Shape& s : kShapes)
    expectMatchesReference<double>(s, {}, 2);
}

TEST(Matmul, SpecialValuesMatchReferenceAndNaNIsCanonical) {
  for (const Shape& s : kShapes) {
    expectMatchesReference<float>(s, {50}, 3);
    expectMatchesReference<double>(s, {50}, 4);
  }
}

TEST(Matmul, ThreadCountDoesNotChangeBits) {
  // The tiled path, and the row path with enough columns for several tasks.
  for (const Shape& s : {Shape{193, 157, 211}, Shape{1, 2100, 1500}}) {
    Rng rng(5);
    auto a = randomValues<float>(s.m * s.k, rng, -1, 1, {5});
    auto b = randomValues<float>(s.k * s.n, rng, -1, 1, {5});
    std::vector<float> serial(s.m * s.n);
    vcc::ops::matmul(a.data(), b.data(), serial.data(), s.m, s.k, s.n);
    EXPECT_EQ(firstDifference(serial, vcc::ops::reference::matmul(a, b, s.m, s.k, s.n)), serial.size());
    for (size_t threads : {2, 3, 8}) {
      ScopedThreads scoped(threads);
      std::vector<float> parallel(s.m * s.n);
      vcc::ops::matmul(a.data(), b.data(), parallel.data(), s.m, s.k, s.n);
      EXPECT_EQ(firstDifference(parallel, serial), serial.size()) << s.m << " rows, " << threads << " threads";
    }
  }
}

TEST(Matmul, Int8AccumulatesExactlyInInt32) {
  for (const Shape& s : kShapes) {
    Rng rng(6);
    auto a = randomIntegers<int8_t>(s.m * s.k, rng);
    auto b = randomIntegers<int8_t>(s.k * s.n, rng);
    std::vector<int32_t> c(s.m * s.n);
    vcc::ops::matmul(a.data(), b.data(), c.data(), s.m, s.k, s.n);
    EXPECT_EQ(c, (vcc::ops::reference::matmulInteger<int8_t, int32_t>(a, b, s.m, s.k, s.n)));
  }
}

TEST(Matmul, Int32WrapsModulo2To64) {
  for (const Shape& s : kShapes) {
    Rng rng(7);
    auto a = randomIntegers<int32_t>(s.m * s.k, rng);
    auto b = randomIntegers<int32_t>(s.k * s.n, rng);
    std::vector<int64_t> c(s.m * s.n);
    vcc::ops::matmul(a.data(), b.data(), c.data(), s.m, s.k, s.n);
    EXPECT_EQ(c, (vcc::ops::reference::matmulInteger<int32_t, int64_t>(a, b, s.m, s.k, s.n)));
  }
}

TEST(Matmul, SumStartsFromPositiveZero) {
  // (-0)·1 + (-0)·1 from acc = +0 is +0 (a fold from the first product would give -0).
  float a[2] = {-0.0f, -0.0f}, b[2] = {1.0f, 1.0f}, c[1];
  vcc::ops::matmul(a, b, c, 1, 2, 1);
  EXPECT_FALSE(std::signbit(c[0]));
}

TEST(Matmul, FloatIsAccurateAgainstDouble) {
  // |C - exact| <= k·u·sum|a||b| (the standard bound for a sequential dot product).
  Rng rng(8);
  const size_t m = 31, k = 500, n = 29;
  auto a = randomValues<float>(m * k, rng, -1, 1);
  auto b = randomValues<float>(k * n, rng, -1, 1);
  std::vector<float> c(m * n);
  vcc::ops::matmul(a.data(), b.data(), c.data(), m, k, n);
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) {
      double exact = 0, magnitude = 0;
      for (size_t p = 0; p < k; ++p) {
        exact += double(a[i * k + p]) * b[p * n + j];
        magnitude += std::fabs(double(a[i * k + p]) * b[p * n + j]);
      }
      EXPECT_LE(std::fabs(c[i * n + j] - exact), k * 0x1p-24 * magnitude) << i << "," << j;
    }
}

} // namespace
