// The Buffer overloads (vcc/ops/buffers.hpp) give the pointer versions'
// bits, and a buffer smaller than the shape is a reported program error.
#include "support/inputs.hpp"
#include "vcc/buffer.hpp"
#include "vcc/ops.hpp"

#include <gtest/gtest.h>
#include <vector>

namespace {

using vcc::ops::testing::randomValues;
using vcc::ops::testing::Rng;
using vcc::ops::testing::sameBits;

TEST(OpsOnBuffers, GiveThePointerVersionsBits) {
  Rng rng(1);
  const size_t rows = 7, cols = 300;
  auto x = randomValues<float>(rows * cols, rng, -3, 3, {10});
  auto w = randomValues<float>(cols * 5, rng, -1, 1, {10});
  auto gamma = randomValues<float>(cols, rng, 0.5, 2);
  vcc::Buffer<float> bx(x), bw(w), bgamma(gamma), out(rows * cols), outMatmul(rows * 5);

  std::vector<float> expected(rows * cols), expectedMatmul(rows * 5);
  vcc::ops::matmul(x.data(), w.data(), expectedMatmul.data(), rows, cols, 5);
  vcc::ops::matmul(bx, bw, outMatmul, rows, cols, 5);
  EXPECT_TRUE(sameBits(outMatmul.to_vector(), expectedMatmul));

  vcc::ops::softmax(x.data(), expected.data(), rows, cols);
  vcc::ops::softmax(bx, out, rows, cols);
  EXPECT_TRUE(sameBits(out.to_vector(), expected));

  vcc::ops::layernorm(x.data(), gamma.data(), static_cast<const float*>(nullptr), 1e-5f,
                      expected.data(), rows, cols);
  vcc::ops::layernorm(bx, &bgamma, nullptr, 1e-5f, out, rows, cols);
  EXPECT_TRUE(sameBits(out.to_vector(), expected));

  vcc::ops::rmsnorm(x.data(), static_cast<const float*>(nullptr), 1e-6f, expected.data(), rows,
                    cols);
  vcc::ops::rmsnorm(bx, nullptr, 1e-6f, out, rows, cols);
  EXPECT_TRUE(sameBits(out.to_vector(), expected));

  vcc::ops::gelu(x.data(), expected.data(), x.size());
  vcc::ops::gelu(bx, out);
  EXPECT_TRUE(sameBits(out.to_vector(), expected));

  std::vector<size_t> expectedIndices(rows * 3);
  std::vector<float> expectedValues(rows * 3);
  vcc::Buffer<size_t> indices(rows * 3);
  vcc::Buffer<float> values(rows * 3);
  vcc::ops::topk(x.data(), rows, cols, 3, expectedValues.data(), expectedIndices.data());
  vcc::ops::topk(bx, rows, cols, 3, values, indices);
  EXPECT_EQ(indices.to_vector(), expectedIndices);
  EXPECT_TRUE(sameBits(values.to_vector(), expectedValues));
}

TEST(OpsOnBuffersDeathTest, TooSmallABufferIsAReportedError) {
  vcc::Buffer<float> a(6), b(6), c(3);
  EXPECT_DEATH(vcc::ops::matmul(a, b, c, 2, 3, 2),
               "vcc::ops::matmul: a buffer is smaller than the shape needs");
  vcc::Buffer<float> gamma(2), y(6);
  EXPECT_DEATH(vcc::ops::layernorm(a, &gamma, nullptr, 0.0f, y, 2, 3), "vcc::ops::layernorm");
}

} // namespace
