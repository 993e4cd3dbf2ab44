// The guest runtime's correctly rounded fma (runtime-vm/guest/src/soft_fma.c),
// built for the host and compared bit for bit with the host's std::fma on
// random operands biased towards the hard cases: cancellation, subnormal
// results, overflow and ties.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

extern "C" double __vcc_soft_fma(double x, double y, double z);
extern "C" float __vcc_soft_fmaf(float x, float y, float z);

namespace {

uint64_t bitsOf(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
uint32_t bitsOf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
double doubleFrom(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}
float floatFrom(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// A double with a random significand and sign and a biased exponent in
// [low, high).
double randomDouble(std::mt19937_64& random, unsigned low, unsigned high) {
  uint64_t exponent = low + random() % (high - low);
  return doubleFrom((random() & 0x800fffffffffffffull) | (exponent << 52));
}
float randomFloat(std::mt19937_64& random, unsigned low, unsigned high) {
  uint32_t exponent = low + static_cast<uint32_t>(random() % (high - low));
  return floatFrom((static_cast<uint32_t>(random()) & 0x807fffffu) | (exponent << 23));
}

// Same bits, or both NaN (payloads are not specified).
::testing::AssertionResult sameResult(double got, double want, double x, double y, double z) {
  if (bitsOf(got) == bitsOf(want) || (std::isnan(got) && std::isnan(want)))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << std::hexfloat << "fma(" << x << ", " << y << ", " << z
                                       << ") = " << got << ", expected " << want;
}
::testing::AssertionResult sameResult(float got, float want, float x, float y, float z) {
  if (bitsOf(got) == bitsOf(want) || (std::isnan(got) && std::isnan(want)))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << std::hexfloat << "fmaf(" << x << ", " << y << ", " << z
                                       << ") = " << got << ", expected " << want;
}

constexpr int kRandomCases = 2000000;

TEST(SoftFma, DoubleMatchesTheHostOnRandomOperands) {
  std::mt19937_64 random(1);
  for (int i = 0; i < kRandomCases; ++i) {
    double x = doubleFrom(random()), y = doubleFrom(random()), z = doubleFrom(random());
    ASSERT_TRUE(sameResult(__vcc_soft_fma(x, y, z), std::fma(x, y, z), x, y, z));
  }
}

TEST(SoftFma, DoubleMatchesTheHostNearCancellation) {
  std::mt19937_64 random(2);
  for (int i = 0; i < kRandomCases; ++i) {
    double x = randomDouble(random, 900, 1150), y = randomDouble(random, 900, 1150);
    // z close to -x*y: the exact sum keeps only the product's low bits.
    double z = doubleFrom(bitsOf(-(x * y)) + static_cast<int>(random() % 5) - 2);
    ASSERT_TRUE(sameResult(__vcc_soft_fma(x, y, z), std::fma(x, y, z), x, y, z));
  }
}

TEST(SoftFma, DoubleMatchesTheHostForSubnormalAndOverflowingResults) {
  std::mt19937_64 random(3);
  for (int i = 0; i < kRandomCases; ++i) {
    double x = randomDouble(random, 0, 600), y = randomDouble(random, 0, 600);
    double z = randomDouble(random, 0, 60);
    ASSERT_TRUE(sameResult(__vcc_soft_fma(x, y, z), std::fma(x, y, z), x, y, z));
    x = randomDouble(random, 1500, 2047);
    y = randomDouble(random, 1000, 1100);
    z = randomDouble(random, 2000, 2047);
    ASSERT_TRUE(sameResult(__vcc_soft_fma(x, y, z), std::fma(x, y, z), x, y, z));
  }
}

TEST(SoftFma, DoubleMatchesTheHostOnTies) {
  std::mt19937_64 random(4);
  for (int i = 0; i < kRandomCases; ++i) {
    // 27-bit integers: the product has up to 54 bits, so half-way cases abound.
    double x = static_cast<double>(random() % (1u << 27));
    double y = static_cast<double>(random() % (1u << 27));
    double z = std::ldexp(static_cast<double>(random() % (1u << 30)), -static_cast<int>(random() % 80));
    if (random() & 1) z = -z;
    ASSERT_TRUE(sameResult(__vcc_soft_fma(x, y, z), std::fma(x, y, z), x, y, z));
  }
}

TEST(SoftFma, DoubleSpecialValues) {
  const double inf = std::numeric_limits<double>::infinity();
  const double values[] = {0.0, -0.0, inf, -inf, std::numeric_limits<double>::quiet_NaN(), 1.0,
                           -1.0, 0.5, 3.0, std::numeric_limits<double>::denorm_min(),
                           -std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                           -std::numeric_limits<double>::max()};
  for (double x : values)
    for (double y : values)
      for (double z : values)
        ASSERT_TRUE(sameResult(__vcc_soft_fma(x, y, z), std::fma(x, y, z), x, y, z));
}

TEST(SoftFma, DoubleIsFused) {
  // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly; unfused it is 0.
  EXPECT_EQ(__vcc_soft_fma(1.0 + 0x1p-52, 1.0 - 0x1p-52, -1.0), -0x1p-104);
  // A tiny negative product plus +0 keeps its sign when it rounds to zero.
  EXPECT_TRUE(std::signbit(__vcc_soft_fma(-0x1p-600, 0x1p-600, 0.0)));
}

TEST(SoftFma, FloatMatchesTheHost) {
  std::mt19937_64 random(5);
  for (int i = 0; i < kRandomCases; ++i) {
    float x = floatFrom(static_cast<uint32_t>(random()));
    float y = floatFrom(static_cast<uint32_t>(random()));
    float z = floatFrom(static_cast<uint32_t>(random()));
    ASSERT_TRUE(sameResult(__vcc_soft_fmaf(x, y, z), std::fma(x, y, z), x, y, z));
    x = randomFloat(random, 100, 160);
    y = randomFloat(random, 100, 160);
    z = -static_cast<float>(static_cast<double>(x) * y);  // cancellation
    ASSERT_TRUE(sameResult(__vcc_soft_fmaf(x, y, z), std::fma(x, y, z), x, y, z));
    x = randomFloat(random, 0, 100);
    y = randomFloat(random, 0, 100);
    z = randomFloat(random, 0, 10);  // subnormal results
    ASSERT_TRUE(sameResult(__vcc_soft_fmaf(x, y, z), std::fma(x, y, z), x, y, z));
  }
}

}  // namespace
