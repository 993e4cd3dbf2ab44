// vcc::ops::conv2d against a reference that pads the input explicitly
// (bit for bit), over strides, paddings and dilations; accuracy in double.
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
using Params = vcc::ops::reference::ConvParams;

vcc::ops::Conv2dShape shapeOf(const Params& p) {
  vcc::ops::Conv2dShape s;
  s.batch = p.batch, s.inChannels = p.channels, s.height = p.height, s.width = p.width;
  s.outChannels = p.filters, s.kernelHeight = p.kernelH, s.kernelWidth = p.kernelW;
  s.strideHeight = p.strideH, s.strideWidth = p.strideW, s.padHeight = p.padH, s.padWidth = p.padW;
  s.dilationHeight = p.dilationH, s.dilationWidth = p.dilationW;
  return s;
}

const Params kCases[] = {
    // batch, C, H, W, K, R, S, strides, pads, dilations
    {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1},
    {2, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1},
    {1, 2, 9, 7, 3, 3, 2, 2, 3, 1, 0, 1, 1},
    {2, 4, 10, 11, 5, 3, 3, 1, 1, 2, 2, 2, 2},
    {1, 3, 5, 5, 2, 5, 5, 1, 1, 2, 2, 1, 1},
    {1, 1, 4, 4, 1, 5, 5, 1, 1, 0, 0, 1, 1}, // kernel > input: empty
    {3, 8, 14, 14, 6, 1, 1, 1, 1, 0, 0, 1, 1},
    {1, 2, 6, 6, 2, 2, 2, 2, 2, 1, 1, 1, 1}};

template <class T> void expectMatches(const Params& p, bool withBias, int specials, uint64_t seed) {
  Rng rng(seed);
  auto input = randomValues<T>(p.batch * p.channels * p.height * p.width, rng, -1, 1, {specials});
  auto weight =
      randomValues<T>(p.filters * p.channels * p.kernelH * p.kernelW, rng, -1, 1, {specials});
  auto bias = randomValues<T>(p.filters, rng, -1, 1, {specials});
  size_t outH, outW;
  auto expected =
      vcc::ops::reference::conv2d(input, weight, withBias ? bias.data() : nullptr, p, outH, outW);
  auto shape = shapeOf(p);
  ASSERT_EQ(shape.outHeight(), outH);
  ASSERT_EQ(shape.outWidth(), outW);
  ASSERT_EQ(shape.outputSize(), expected.size());
  std::vector<T> out(expected.size());
  vcc::ops::conv2d(input.data(), weight.data(), withBias ? bias.data() : nullptr, out.data(),
                   shape);
  EXPECT_EQ(firstDifference(out, expected), out.size())
      << p.channels << "x" << p.height << "x" << p.width;
}

TEST(Conv2d, MatchesPaddedReferenceBitForBit) {
  uint64_t seed = 1;
  for (const Params& p : kCases) {
    for (bool bias : {false, true}) {
      expectMatches<float>(p, bias, 0, seed++);
      expectMatches<double>(p, bias, 0, seed++);
    }
  }
}

TEST(Conv2d, SpecialValuesMatchReference) {
  uint64_t seed = 100;
  for (const Params& p : kCases) {
    expectMatches<float>(p, true, 40, seed++);
    expectMatches<double>(p, true, 40, seed++);
  }
}

TEST(Conv2d, PaddingIsARealZero) {
  // An infinite weight over the padding gives 0 × inf = NaN.
  float input[1] = {1.0f}, weight[9], out[1];
  for (float& w : weight)
    w = 1.0f;
  weight[0] = std::numeric_limits<float>::infinity();
  vcc::ops::Conv2dShape s;
  s.kernelHeight = s.kernelWidth = 3, s.padHeight = s.padWidth = 1;
  vcc::ops::conv2d(input, weight, static_cast<const float*>(nullptr), out, s);
  EXPECT_EQ(std::bit_cast<uint32_t>(out[0]), 0x7fc00000u);
}

TEST(Conv2d, ThreadCountDoesNotChangeBits) {
  Params p{2, 3, 32, 32, 8, 3, 3, 1, 1, 1, 1, 1, 1};
  Rng rng(21);
  auto input = randomValues<float>(2 * 3 * 32 * 32, rng, -1, 1, {3});
  auto weight = randomValues<float>(8 * 3 * 9, rng, -1, 1, {3});
  auto shape = shapeOf(p);
  std::vector<float> serial(shape.outputSize()), parallel(shape.outputSize());
  vcc::ops::conv2d(input.data(), weight.data(), static_cast<const float*>(nullptr), serial.data(),
                   shape);
  ScopedThreads scoped(4);
  vcc::ops::conv2d(input.data(), weight.data(), static_cast<const float*>(nullptr), parallel.data(),
                   shape);
  EXPECT_EQ(firstDifference(parallel, serial), serial.size());
}

TEST(Conv2d, IsAccurateAgainstDouble) {
  Params p{1, 16, 12, 12, 4, 3, 3, 1, 1, 1, 1, 1, 1};
  Rng rng(22);
  auto input = randomValues<float>(16 * 144, rng, -1, 1);
  auto weight = randomValues<float>(4 * 16 * 9, rng, -1, 1);
  std::vector<double> input64(input.begin(), input.end()), weight64(weight.begin(), weight.end());
  auto shape = shapeOf(p);
  std::vector<float> out(shape.outputSize());
  std::vector<double> out64(shape.outputSize());
  vcc::ops::conv2d(input.data(), weight.data(), static_cast<const float*>(nullptr), out.data(),
                   shape);
  vcc::ops::conv2d(input64.data(), weight64.data(), static_cast<const double*>(nullptr),
                   out64.data(), shape);
  for (size_t i = 0; i < out.size(); ++i)
    EXPECT_NEAR(out[i], out64[i], 144 * 0x1p-24 * 4) << i;
}

} // namespace
