// Sampled accuracy bounds (fast enough for CI): every function, every
// domain of accuracy.hpp, against high-precision references. The full
// measurement is ulp_report (docs/math.md).
#include "accuracy.hpp"

#include <gtest/gtest.h>

using namespace math_accuracy;

namespace {

constexpr uint64_t kSamples = 20000;
// Bounds in ulps: what docs/math.md promises (the measured maxima are lower).
constexpr double kFloatBound = 0.5 + 0x1p-16;  // analysis: 0.5 + 2^-19
constexpr double kDoubleBound = 1.0;

TEST(MathAccuracy, FloatFunctionsAreWithinBound) {
  for (const auto& f : floatFunctions()) {
    for (const Domain& domain : f.domains) {
      Random random(7);
      Worst worst;
      for (uint64_t i = 0; i < kSamples; ++i) {
        float x = static_cast<float>(domain.draw(random));
        worst.update(ulpError(f.ours(x), f.reference(x)), x);
      }
      EXPECT_LE(worst.ulps, kFloatBound)
          << f.name << "(float) on " << domain.describe() << " at x = " << worst.x;
    }
  }
}

TEST(MathAccuracy, FloatPowIsWithinBound) {
  for (const auto& f : floatBinaryFunctions()) {
    for (const auto& [dx, dy] : f.domains) {
      Random random(7);
      Worst worst;
      for (uint64_t i = 0; i < kSamples; ++i) {
        float x = static_cast<float>(dx.draw(random)), y = static_cast<float>(dy.draw(random));
        worst.update(ulpError(f.ours(x, y), f.reference(x, y)), x, y);
      }
      EXPECT_LE(worst.ulps, kFloatBound) << f.name << "(float) at " << worst.x << ", " << worst.y;
    }
  }
}

#if defined(VCC_MATH_HAVE_QUADMATH)
TEST(MathAccuracy, DoubleFunctionsAreWithinBound) {
  for (const auto& f : doubleFunctions()) {
    for (const Domain& domain : f.domains) {
      Random random(7);
      Worst worst;
      for (uint64_t i = 0; i < kSamples / 4; ++i) {
        double x = domain.draw(random);
        worst.update(ulpError(f.ours(x), f.reference(x)), x);
      }
      EXPECT_LE(worst.ulps, kDoubleBound)
          << f.name << "(double) on " << domain.describe() << " at x = " << worst.x;
    }
  }
}

TEST(MathAccuracy, DoublePowIsWithinBound) {
  for (const auto& f : doubleBinaryFunctions()) {
    for (const auto& [dx, dy] : f.domains) {
      Random random(7);
      Worst worst;
      for (uint64_t i = 0; i < kSamples / 4; ++i) {
        double x = dx.draw(random), y = dy.draw(random);
        worst.update(ulpError(f.ours(x, y), f.reference(x, y)), x, y);
      }
      EXPECT_LE(worst.ulps, kDoubleBound) << f.name << "(double) at " << worst.x << ", " << worst.y;
    }
  }
}
#else
TEST(MathAccuracy, DoubleFunctionsAreWithinBound) {
  GTEST_SKIP() << "libquadmath not found";
}
#endif

} // namespace
