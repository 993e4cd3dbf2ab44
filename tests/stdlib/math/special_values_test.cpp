// Special values of every vcc::math function (docs/math.md, "Special
// values"): zeros with their signs, infinities, NaNs (always the canonical
// quiet NaN, whatever the input's payload or sign), subnormals, the
// overflow and underflow thresholds, and exactly known results.
#include "vcc/math.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace m = vcc::math;

namespace {

uint64_t bits(double x) {
  uint64_t b;
  std::memcpy(&b, &x, 8);
  return b;
}
uint32_t bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}
double doubleFromBits(uint64_t b) {
  double x;
  std::memcpy(&x, &b, 8);
  return x;
}
float floatFromBits(uint32_t b) {
  float x;
  std::memcpy(&x, &b, 4);
  return x;
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr uint64_t kNaN = 0x7ff8000000000000u;
constexpr uint32_t kNaNF = 0x7fc00000u;
constexpr double kMinSubnormal = 0x1p-1074;
constexpr float kMinSubnormalF = 0x1p-149f;

// Bitwise equality, so that -0 differs from +0 and NaNs must be canonical.
#define EXPECT_SAME(actual, expected)                                                              \
  EXPECT_EQ(bits(actual), bits(expected)) << (actual) << " vs " << (expected)
#define EXPECT_CANONICAL_NAN(actual) EXPECT_EQ(bits(actual), kNaN) << (actual)
#define EXPECT_CANONICAL_NAN_F(actual) EXPECT_EQ(bits(actual), kNaNF) << (actual)

// NaN inputs of every kind: quiet and signalling, both signs, payloads.
const std::vector<double> kNaNInputs = {
    doubleFromBits(0x7ff8000000000000u), doubleFromBits(0xfff8000000000000u),
    doubleFromBits(0x7ff0000000000001u), doubleFromBits(0xfff4000000000123u),
    doubleFromBits(0x7fffffffffffffffu)};
const std::vector<float> kNaNInputsF = {floatFromBits(0x7fc00000u), floatFromBits(0xffc00000u),
                                        floatFromBits(0x7f800001u), floatFromBits(0xffa00123u),
                                        floatFromBits(0x7fffffffu)};

using Unary = double (*)(double);
using UnaryF = float (*)(float);
const std::vector<std::pair<const char*, Unary>> kUnary = {
    {"exp", m::exp},   {"expm1", m::expm1}, {"log", m::log},     {"log1p", m::log1p},
    {"sin", m::sin},   {"cos", m::cos},     {"tanh", m::tanh},   {"erf", m::erf},
    {"erfc", m::erfc}, {"gelu", m::gelu},   {"rsqrt", m::rsqrt}, {"sigmoid", m::sigmoid}};
const std::vector<std::pair<const char*, UnaryF>> kUnaryF = {{"exp", m::exp},
                                                             {"expm1", m::expm1},
                                                             {"log", m::log},
                                                             {"log1p", m::log1p},
                                                             {"sin", m::sin},
                                                             {"cos", m::cos},
                                                             {"tanh", m::tanh},
                                                             {"erf", m::erf},
                                                             {"erfc", m::erfc},
                                                             {"gelu", m::gelu},
                                                             {"rsqrt", m::rsqrt},
                                                             {"sigmoid", m::sigmoid},
                                                             {"gelu_tanh", m::gelu_tanh}};

TEST(MathSpecialValues, NaNInGivesTheCanonicalNaN) {
  for (auto [name, f] : kUnary)
    for (double x : kNaNInputs)
      EXPECT_EQ(bits(f(x)), kNaN) << name;
  for (auto [name, f] : kUnaryF)
    for (float x : kNaNInputsF)
      EXPECT_EQ(bits(f(x)), kNaNF) << name;
  for (double x : kNaNInputs) {
    EXPECT_CANONICAL_NAN(m::pow(x, 2.0));
    EXPECT_CANONICAL_NAN(m::pow(2.0, x));
  }
  for (float x : kNaNInputsF) {
    EXPECT_CANONICAL_NAN_F(m::pow(x, 2.0f));
    EXPECT_CANONICAL_NAN_F(m::pow(2.0f, x));
  }
}

TEST(MathSpecialValues, Exp) {
  EXPECT_SAME(m::exp(0.0), 1.0);
  EXPECT_SAME(m::exp(-0.0), 1.0);
  EXPECT_SAME(m::exp(kInf), kInf);
  EXPECT_SAME(m::exp(-kInf), 0.0);
  EXPECT_SAME(m::exp(kMinSubnormal), 1.0);
  EXPECT_SAME(m::exp(0x1.62e42fefa39efp+9), 0x1.fffffffffff2ap+1023); // the largest finite result
  EXPECT_SAME(m::exp(0x1.62e42fefa39f0p+9), kInf);
  EXPECT_SAME(m::exp(-745.13321910194110842), kMinSubnormal); // rounds up to 2^-1074
  EXPECT_SAME(m::exp(-745.2), 0.0);
  EXPECT_SAME(m::exp(1.0), 0x1.5bf0a8b145769p+1); // e, correctly rounded
  EXPECT_SAME(m::exp(0.0f), 1.0f);
  EXPECT_SAME(m::exp(-0.0f), 1.0f);
  EXPECT_SAME(m::exp(kInfF), kInfF);
  EXPECT_SAME(m::exp(-kInfF), 0.0f);
  EXPECT_SAME(m::exp(88.72283f), 0x1.ffff08p+127f);
  EXPECT_SAME(m::exp(88.72284f), kInfF);
  EXPECT_SAME(m::exp(-103.97f), kMinSubnormalF);
  EXPECT_SAME(m::exp(-104.0f), 0.0f);
  EXPECT_SAME(m::exp(1.0f), 0x1.5bf0a8p+1f);
}

TEST(MathSpecialValues, Expm1) {
  EXPECT_SAME(m::expm1(0.0), 0.0);
  EXPECT_SAME(m::expm1(-0.0), -0.0);
  EXPECT_SAME(m::expm1(kInf), kInf);
  EXPECT_SAME(m::expm1(-kInf), -1.0);
  EXPECT_SAME(m::expm1(kMinSubnormal), kMinSubnormal);
  EXPECT_SAME(m::expm1(-kMinSubnormal), -kMinSubnormal);
  EXPECT_SAME(m::expm1(1e-300), 1e-300);
  EXPECT_SAME(m::expm1(710.0), kInf);
  EXPECT_SAME(m::expm1(-40.0), -1.0);
  EXPECT_SAME(m::expm1(0.0f), 0.0f);
  EXPECT_SAME(m::expm1(-0.0f), -0.0f);
  EXPECT_SAME(m::expm1(kInfF), kInfF);
  EXPECT_SAME(m::expm1(-kInfF), -1.0f);
  EXPECT_SAME(m::expm1(kMinSubnormalF), kMinSubnormalF);
  EXPECT_SAME(m::expm1(89.0f), kInfF);
  EXPECT_SAME(m::expm1(-20.0f), -1.0f);
}

TEST(MathSpecialValues, Log) {
  EXPECT_SAME(m::log(0.0), -kInf);
  EXPECT_SAME(m::log(-0.0), -kInf);
  EXPECT_SAME(m::log(1.0), 0.0);
  EXPECT_SAME(m::log(kInf), kInf);
  EXPECT_CANONICAL_NAN(m::log(-1.0));
  EXPECT_CANONICAL_NAN(m::log(-kInf));
  EXPECT_CANONICAL_NAN(m::log(-kMinSubnormal));
  EXPECT_SAME(m::log(kMinSubnormal), -0x1.74385446d71c3p+9); // -1074 ln 2
  EXPECT_SAME(m::log(2.0), 0x1.62e42fefa39efp-1);
  EXPECT_SAME(m::log(0.0f), -kInfF);
  EXPECT_SAME(m::log(-0.0f), -kInfF);
  EXPECT_SAME(m::log(1.0f), 0.0f);
  EXPECT_SAME(m::log(kInfF), kInfF);
  EXPECT_CANONICAL_NAN_F(m::log(-1.0f));
  EXPECT_SAME(m::log(kMinSubnormalF), -0x1.9d1da0p+6f); // -149 ln 2
  EXPECT_SAME(m::log(2.0f), 0x1.62e430p-1f);
}

TEST(MathSpecialValues, Log1p) {
  EXPECT_SAME(m::log1p(0.0), 0.0);
  EXPECT_SAME(m::log1p(-0.0), -0.0);
  EXPECT_SAME(m::log1p(-1.0), -kInf);
  EXPECT_SAME(m::log1p(kInf), kInf);
  EXPECT_CANONICAL_NAN(m::log1p(-2.0));
  EXPECT_CANONICAL_NAN(m::log1p(-kInf));
  EXPECT_SAME(m::log1p(kMinSubnormal), kMinSubnormal);
  EXPECT_SAME(m::log1p(-kMinSubnormal), -kMinSubnormal);
  EXPECT_SAME(m::log1p(1.0), 0x1.62e42fefa39efp-1);
  EXPECT_SAME(m::log1p(0.0f), 0.0f);
  EXPECT_SAME(m::log1p(-0.0f), -0.0f);
  EXPECT_SAME(m::log1p(-1.0f), -kInfF);
  EXPECT_SAME(m::log1p(kInfF), kInfF);
  EXPECT_CANONICAL_NAN_F(m::log1p(-1.5f));
  EXPECT_SAME(m::log1p(kMinSubnormalF), kMinSubnormalF);
}

TEST(MathSpecialValues, SinCos) {
  EXPECT_SAME(m::sin(0.0), 0.0);
  EXPECT_SAME(m::sin(-0.0), -0.0);
  EXPECT_SAME(m::sin(kMinSubnormal), kMinSubnormal);
  EXPECT_SAME(m::sin(-kMinSubnormal), -kMinSubnormal);
  EXPECT_CANONICAL_NAN(m::sin(kInf));
  EXPECT_CANONICAL_NAN(m::sin(-kInf));
  EXPECT_SAME(m::cos(0.0), 1.0);
  EXPECT_SAME(m::cos(-0.0), 1.0);
  EXPECT_CANONICAL_NAN(m::cos(kInf));
  EXPECT_CANONICAL_NAN(m::cos(-kInf));
  // Correctly rounded values at multiples of pi and at huge arguments.
  EXPECT_SAME(m::sin(M_PI), 0x1.1a62633145c07p-53);
  EXPECT_SAME(m::cos(M_PI / 2), 0x1.1a62633145c07p-54);
  EXPECT_SAME(m::cos(M_PI), -1.0);
  EXPECT_SAME(m::sin(1e22), -0x1.b453ab76bf397p-1); // -0.8522008497671888
  EXPECT_SAME(m::sin(0x1.fffffffffffffp+1023), 0x1.452fc98b34e97p-8);
  EXPECT_SAME(m::sin(0.0f), 0.0f);
  EXPECT_SAME(m::sin(-0.0f), -0.0f);
  EXPECT_SAME(m::sin(kMinSubnormalF), kMinSubnormalF);
  EXPECT_CANONICAL_NAN_F(m::sin(kInfF));
  EXPECT_SAME(m::cos(0.0f), 1.0f);
  EXPECT_CANONICAL_NAN_F(m::cos(-kInfF));
  EXPECT_SAME(m::sin(static_cast<float>(M_PI)), -0x1.777a5cp-24f);
}

TEST(MathSpecialValues, Tanh) {
  EXPECT_SAME(m::tanh(0.0), 0.0);
  EXPECT_SAME(m::tanh(-0.0), -0.0);
  EXPECT_SAME(m::tanh(kInf), 1.0);
  EXPECT_SAME(m::tanh(-kInf), -1.0);
  EXPECT_SAME(m::tanh(kMinSubnormal), kMinSubnormal);
  EXPECT_SAME(m::tanh(22.5), 1.0);
  EXPECT_SAME(m::tanh(-30.0), -1.0);
  EXPECT_SAME(m::tanh(0.0f), 0.0f);
  EXPECT_SAME(m::tanh(-0.0f), -0.0f);
  EXPECT_SAME(m::tanh(kInfF), 1.0f);
  EXPECT_SAME(m::tanh(-kInfF), -1.0f);
  EXPECT_SAME(m::tanh(-kMinSubnormalF), -kMinSubnormalF);
}

TEST(MathSpecialValues, Sigmoid) {
  EXPECT_SAME(m::sigmoid(0.0), 0.5);
  EXPECT_SAME(m::sigmoid(-0.0), 0.5);
  EXPECT_SAME(m::sigmoid(kInf), 1.0);
  EXPECT_SAME(m::sigmoid(-kInf), 0.0);
  EXPECT_SAME(m::sigmoid(-800.0), 0.0);
  EXPECT_GT(m::sigmoid(-740.0), 0.0); // subnormal
  EXPECT_SAME(m::sigmoid(38.0), 1.0);
  EXPECT_SAME(m::sigmoid(0.0f), 0.5f);
  EXPECT_SAME(m::sigmoid(kInfF), 1.0f);
  EXPECT_SAME(m::sigmoid(-kInfF), 0.0f);
  EXPECT_SAME(m::sigmoid(-103.5f), 0x1p-149f * 1.0f);
}

TEST(MathSpecialValues, ErfErfc) {
  EXPECT_SAME(m::erf(0.0), 0.0);
  EXPECT_SAME(m::erf(-0.0), -0.0);
  EXPECT_SAME(m::erf(kInf), 1.0);
  EXPECT_SAME(m::erf(-kInf), -1.0);
  EXPECT_SAME(m::erf(6.0), 1.0);
  EXPECT_SAME(m::erf(kMinSubnormal), kMinSubnormal); // 1.128 * 2^-1074
  EXPECT_SAME(m::erfc(0.0), 1.0);
  EXPECT_SAME(m::erfc(-0.0), 1.0);
  EXPECT_SAME(m::erfc(kInf), 0.0);
  EXPECT_SAME(m::erfc(-kInf), 2.0);
  EXPECT_SAME(m::erfc(30.0), 0.0);
  EXPECT_SAME(m::erfc(-10.0), 2.0);
  EXPECT_GT(m::erfc(27.0), 0.0); // subnormal
  EXPECT_SAME(m::erf(0.0f), 0.0f);
  EXPECT_SAME(m::erf(-0.0f), -0.0f);
  EXPECT_SAME(m::erf(-kInfF), -1.0f);
  EXPECT_SAME(m::erfc(kInfF), 0.0f);
  EXPECT_SAME(m::erfc(-kInfF), 2.0f);
}

TEST(MathSpecialValues, Gelu) {
  EXPECT_SAME(m::gelu(0.0), 0.0);
  EXPECT_SAME(m::gelu(-0.0), -0.0);
  EXPECT_SAME(m::gelu(kInf), kInf);
  EXPECT_SAME(m::gelu(-kInf), -0.0);
  EXPECT_SAME(m::gelu(-40.0), -0.0);
  EXPECT_SAME(m::gelu(10.0), 10.0);
  EXPECT_SAME(m::gelu(1.0), 0x1.aec4bd120d37dp-1); // Phi(1) = 0.841344746068543
  EXPECT_SAME(m::gelu(0.0f), 0.0f);
  EXPECT_SAME(m::gelu(-0.0f), -0.0f);
  EXPECT_SAME(m::gelu(kInfF), kInfF);
  EXPECT_SAME(m::gelu(-kInfF), -0.0f);
  EXPECT_SAME(m::gelu_tanh(0.0f), 0.0f);
  EXPECT_SAME(m::gelu_tanh(-0.0f), -0.0f);
  EXPECT_SAME(m::gelu_tanh(kInfF), kInfF);
  EXPECT_SAME(m::gelu_tanh(-kInfF), -0.0f);
  EXPECT_SAME(m::gelu_tanh(20.0f), 20.0f);
}

TEST(MathSpecialValues, Rsqrt) {
  EXPECT_SAME(m::rsqrt(0.0), kInf);
  EXPECT_SAME(m::rsqrt(-0.0), -kInf);
  EXPECT_SAME(m::rsqrt(kInf), 0.0);
  EXPECT_CANONICAL_NAN(m::rsqrt(-1.0));
  EXPECT_CANONICAL_NAN(m::rsqrt(-kInf));
  EXPECT_SAME(m::rsqrt(4.0), 0.5);
  EXPECT_SAME(m::rsqrt(0.25), 2.0);
  EXPECT_SAME(m::rsqrt(kMinSubnormal), 0x1p537);
  EXPECT_SAME(m::rsqrt(0x1p1020), 0x1p-510);
  EXPECT_SAME(m::rsqrt(2.0), 0x1.6a09e667f3bcdp-1);
  EXPECT_SAME(m::rsqrt(0.0f), kInfF);
  EXPECT_SAME(m::rsqrt(-0.0f), -kInfF);
  EXPECT_SAME(m::rsqrt(kInfF), 0.0f);
  EXPECT_CANONICAL_NAN_F(m::rsqrt(-2.0f));
  EXPECT_SAME(m::rsqrt(kMinSubnormalF), 0x1.6a09e6p+74f);
}

TEST(MathSpecialValues, PowFollowsTheC99Table) {
  for (double x : {0.0, -0.0, 2.0, -3.0, kInf, -kInf, doubleFromBits(0xfff8000000000001u)}) {
    EXPECT_SAME(m::pow(x, 0.0), 1.0);
    EXPECT_SAME(m::pow(x, -0.0), 1.0);
  }
  for (double y : {0.5, -7.0, kInf, -kInf, doubleFromBits(0x7ff0000000000001u)})
    EXPECT_SAME(m::pow(1.0, y), 1.0);
  EXPECT_SAME(m::pow(-1.0, kInf), 1.0);
  EXPECT_SAME(m::pow(-1.0, -kInf), 1.0);
  EXPECT_SAME(m::pow(0.5, -kInf), kInf);
  EXPECT_SAME(m::pow(-0.5, kInf), 0.0);
  EXPECT_SAME(m::pow(2.0, -kInf), 0.0);
  EXPECT_SAME(m::pow(-2.0, kInf), kInf);
  EXPECT_SAME(m::pow(0.0, -3.0), kInf);
  EXPECT_SAME(m::pow(-0.0, -3.0), -kInf);
  EXPECT_SAME(m::pow(-0.0, -2.0), kInf);
  EXPECT_SAME(m::pow(-0.0, -0.5), kInf);
  EXPECT_SAME(m::pow(-0.0, -kInf), kInf);
  EXPECT_SAME(m::pow(-0.0, 3.0), -0.0);
  EXPECT_SAME(m::pow(-0.0, 2.0), 0.0);
  EXPECT_SAME(m::pow(0.0, 0.5), 0.0);
  EXPECT_SAME(m::pow(-0.0, kInf), 0.0);
  EXPECT_SAME(m::pow(-kInf, 3.0), -kInf);
  EXPECT_SAME(m::pow(-kInf, 2.0), kInf);
  EXPECT_SAME(m::pow(-kInf, -3.0), -0.0);
  EXPECT_SAME(m::pow(-kInf, -2.5), 0.0);
  EXPECT_SAME(m::pow(kInf, -1.0), 0.0);
  EXPECT_SAME(m::pow(kInf, 0.5), kInf);
  EXPECT_CANONICAL_NAN(m::pow(-2.0, 0.5));
  EXPECT_CANONICAL_NAN(m::pow(-kMinSubnormal, 1.5));
  EXPECT_SAME(m::pow(-2.0, 3.0), -8.0);
  EXPECT_SAME(m::pow(-2.0, 2.0), 4.0);
  EXPECT_SAME(m::pow(-1.0, 0x1p60), 1.0);
  EXPECT_SAME(m::pow(-1.0, 0x1p52 + 1), -1.0);
  EXPECT_SAME(m::pow(2.0, 10.0), 1024.0);
  EXPECT_SAME(m::pow(10.0, 2.0), 100.0);
  EXPECT_SAME(m::pow(2.0, -1074.0), kMinSubnormal);
  EXPECT_SAME(m::pow(2.0, -1075.0), 0.0);
  EXPECT_SAME(m::pow(2.0, 1024.0), kInf);
  EXPECT_SAME(m::pow(-2.0, 1025.0), -kInf);
  EXPECT_SAME(m::pow(2.0, 0.5), 0x1.6a09e667f3bcdp+0);
  EXPECT_SAME(m::pow(1e300, 1e300), kInf);
  EXPECT_SAME(m::pow(1e-300, 1e300), 0.0);

  EXPECT_SAME(m::pow(kInfF, 0.0f), 1.0f);
  EXPECT_SAME(m::pow(1.0f, floatFromBits(0x7fc00000u)), 1.0f);
  EXPECT_SAME(m::pow(-0.0f, -3.0f), -kInfF);
  EXPECT_SAME(m::pow(-0.0f, 3.0f), -0.0f);
  EXPECT_SAME(m::pow(-kInfF, 3.0f), -kInfF);
  EXPECT_SAME(m::pow(-kInfF, -2.0f), 0.0f);
  EXPECT_SAME(m::pow(0.5f, -kInfF), kInfF);
  EXPECT_SAME(m::pow(-1.0f, kInfF), 1.0f);
  EXPECT_CANONICAL_NAN_F(m::pow(-2.0f, 0.5f));
  EXPECT_SAME(m::pow(-2.0f, 3.0f), -8.0f);
  EXPECT_SAME(m::pow(2.0f, 10.0f), 1024.0f);
  EXPECT_SAME(m::pow(2.0f, -149.0f), kMinSubnormalF);
  EXPECT_SAME(m::pow(2.0f, -151.0f),
              0.0f); // (2^-150 is a tie: float results are not always correctly rounded)
  EXPECT_SAME(m::pow(2.0f, 128.0f), kInfF);
}

// x^1 = x exactly, and exact powers are exact (the error before the final
// rounding is far below half an ulp).
TEST(MathSpecialValues, PowIsExactWhereTheResultIsRepresentable) {
  for (double x : {3.0, 0.1, 1e-310, 1.7e308, 123456.789}) {
    EXPECT_SAME(m::pow(x, 1.0), x);
    EXPECT_SAME(m::pow(static_cast<float>(x), 1.0f), static_cast<float>(x));
  }
  EXPECT_SAME(m::pow(3.0, 20.0), 3486784401.0);
  EXPECT_SAME(m::pow(0.5, 1074.0), kMinSubnormal);
  EXPECT_SAME(m::pow(16.0, 0.25), 2.0);
  EXPECT_SAME(m::pow(7.0f, 5.0f), 16807.0f);
}

// Odd functions are exactly odd, even ones exactly even, for every sign.
TEST(MathSpecialValues, SymmetriesAreExact) {
  uint64_t state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    double x = doubleFromBits(state >> 1); // non-negative, any exponent
    if (std::isnan(x)) continue;
    EXPECT_SAME(m::sin(-x), -m::sin(x));
    EXPECT_SAME(m::cos(-x), m::cos(x));
    EXPECT_SAME(m::tanh(-x), -m::tanh(x));
    EXPECT_SAME(m::erf(-x), -m::erf(x));
    float f = floatFromBits(static_cast<uint32_t>(state >> 33));
    if (std::isnan(f)) continue;
    EXPECT_SAME(m::sin(-f), -m::sin(f));
    EXPECT_SAME(m::cos(-f), m::cos(f));
    EXPECT_SAME(m::tanh(-f), -m::tanh(f));
    EXPECT_SAME(m::erf(-f), -m::erf(f));
  }
}

} // namespace
