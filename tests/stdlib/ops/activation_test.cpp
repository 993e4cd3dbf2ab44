// vcc::ops::gelu: vcc::math::gelu element by element, canonical NaNs, any
// thread count.
#include "support/inputs.hpp"
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

template <class T> void expectElementwise(uint64_t seed) {
  Rng rng(seed);
  auto x = randomValues<T>(5000, rng, -8, 8, {50});
  std::vector<T> expected(x.size()), y(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    T v = vcc::math::gelu(x[i]);
    expected[i] = std::isnan(v) ? std::numeric_limits<T>::quiet_NaN() : v;
  }
  vcc::ops::gelu(x.data(), y.data(), x.size());
  EXPECT_EQ(firstDifference(y, expected), y.size());
  ScopedThreads scoped(3);
  vcc::ops::gelu(x.data(), x.data(), x.size()); // in place
  EXPECT_EQ(firstDifference(x, expected), x.size());
}

TEST(Gelu, IsMathGeluElementByElement) {
  expectElementwise<float>(1);
  expectElementwise<double>(2);
}

TEST(Gelu, IsAccurate) {
  for (double x : {-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0})
    EXPECT_NEAR(vcc::math::gelu(x), 0.5 * x * std::erfc(-x / std::sqrt(2.0)), 1e-15) << x;
}

} // namespace
