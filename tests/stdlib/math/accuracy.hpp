// Accuracy measurement of vcc::math against high-precision references: the
// registry of functions, the input domains sampled, and the ulp error.
// Shared by the CI test (accuracy_test.cpp) and the report tool
// (ulp_report.cpp, whose table is in docs/math.md).
//
// References: for float results, glibc's double functions (< 1 ulp in
// double, i.e. 2^-29 of a float ulp); for double results, libquadmath's
// __float128 functions (113 bits). The error of a result is
// |result - reference| / ulp(reference) in the result's format, where ulp
// of a subnormal is the smallest subnormal and an infinite result counts
// as 2^(emax+1).
#pragma once

#include "vcc/math.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#if defined(VCC_MATH_HAVE_QUADMATH)
extern "C" {
#include <quadmath.h>
}
#endif

namespace math_accuracy {

// splitmix64, as in the bitwise test.
class Random {
public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }

private:
  uint64_t state_;
};

// Where inputs are drawn: uniform in [lo, hi], or with a magnitude whose
// base-2 logarithm is uniform in [lo, hi] (both signs unless positiveOnly).
struct Domain {
  enum Kind { kUniform, kLogMagnitude } kind;
  double lo;
  double hi;
  bool positiveOnly = false;

  double draw(Random& random) const {
    if (kind == kUniform) return lo + (hi - lo) * random.unit();
    double magnitude = std::exp2(lo + (hi - lo) * random.unit());
    return (!positiveOnly && (random.next() & 1)) ? -magnitude : magnitude;
  }
  std::string describe() const;
};

inline std::string formatNumber(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

inline std::string Domain::describe() const {
  if (kind == kUniform) return "[" + formatNumber(lo) + ", " + formatNumber(hi) + "]";
  std::string range = "2^" + formatNumber(lo) + " <= |x| < 2^" + formatNumber(hi);
  return positiveOnly ? range + ", x > 0" : range;
}

// ulp error of a float result against a double reference.
inline double ulpError(float got, double reference) {
  if (std::isnan(reference)) return std::isnan(got) ? 0.0 : INFINITY;
  if (std::isnan(got)) return INFINITY;
  if (std::isinf(got) && got == static_cast<float>(reference)) return 0.0; // correctly overflowed
  double value = std::isinf(got) ? std::copysign(0x1p128, got) : got;
  double magnitude = std::fabs(reference);
  if (std::isinf(reference)) {
    if (got == reference) return 0.0;
    magnitude = 0x1p128;
    reference = std::copysign(0x1p128, reference);
  }
  int exponent = magnitude == 0 ? -149 : std::ilogb(magnitude);
  if (exponent > 127) exponent = 127;
  double ulp = std::ldexp(1.0, std::max(exponent, -126) - 23);
  return std::fabs(value - reference) / ulp;
}

#if defined(VCC_MATH_HAVE_QUADMATH)
using Quad = __float128;

// ulp error of a double result against a __float128 reference.
inline double ulpError(double got, Quad reference) {
  if (isnanq(reference)) return std::isnan(got) ? 0.0 : INFINITY;
  if (std::isnan(got)) return INFINITY;
  if (std::isinf(got) && got == static_cast<double>(reference)) return 0.0; // correctly overflowed
  Quad value = std::isinf(got) ? (got > 0 ? ldexpq(1, 1024) : -ldexpq(1, 1024)) : Quad(got);
  Quad magnitude = fabsq(reference);
  if (isinfq(reference)) {
    if (static_cast<double>(reference) == got) return 0.0;
    magnitude = ldexpq(1, 1024);
    reference = reference > 0 ? magnitude : -magnitude;
  }
  int exponent = magnitude == 0 ? -1074 : ilogbq(magnitude);
  if (exponent > 1023) exponent = 1023;
  Quad ulp = ldexpq(1, std::max(exponent, -1022) - 52);
  return static_cast<double>(fabsq(value - reference) / ulp);
}
#endif

struct FloatFunction {
  const char* name;
  float (*ours)(float);
  double (*reference)(double);
  std::vector<Domain> domains;
};

struct FloatBinaryFunction {
  const char* name;
  float (*ours)(float, float);
  double (*reference)(double, double);
  std::vector<std::pair<Domain, Domain>> domains;
};

inline double referenceSigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}
// At -inf both GELU forms are inf * 0 as written; their limit is -0.
inline double referenceGelu(double x) {
  if (std::isinf(x)) return x > 0 ? x : -0.0;
  return 0.5 * x * std::erfc(-x * 0.70710678118654752440);
}
// The tanh form as x sigmoid(2u): accurate where 1 + tanh(u) would cancel.
inline double referenceGeluTanh(double x) {
  if (std::isinf(x)) return x > 0 ? x : -0.0;
  double u = 0.7978845608028654 * (x + 0.044715 * x * x * x);
  return x / (1.0 + std::exp(-2.0 * u));
}
inline double referenceRsqrt(double x) {
  return 1.0 / std::sqrt(x);
}

inline const std::vector<FloatFunction>& floatFunctions() {
  using D = Domain;
  static const std::vector<FloatFunction> functions = {
      {"exp",
       [](float x) { return vcc::math::exp(x); },
       [](double x) { return std::exp(x); },
       {{D::kUniform, -104, 89}, {D::kLogMagnitude, -30, 0}}},
      {"expm1",
       [](float x) { return vcc::math::expm1(x); },
       [](double x) { return std::expm1(x); },
       {{D::kUniform, -20, 89}, {D::kLogMagnitude, -30, 0}}},
      {"log",
       [](float x) { return vcc::math::log(x); },
       [](double x) { return std::log(x); },
       {{D::kLogMagnitude, -149, 128, true}, {D::kUniform, 0.5, 2}}},
      {"log1p",
       [](float x) { return vcc::math::log1p(x); },
       [](double x) { return std::log1p(x); },
       {{D::kUniform, -1, 1}, {D::kLogMagnitude, -30, 128}}},
      {"sin",
       [](float x) { return vcc::math::sin(x); },
       [](double x) { return std::sin(x); },
       {{D::kUniform, -10, 10}, {D::kLogMagnitude, -20, 128}}},
      {"cos",
       [](float x) { return vcc::math::cos(x); },
       [](double x) { return std::cos(x); },
       {{D::kUniform, -10, 10}, {D::kLogMagnitude, -20, 128}}},
      {"tanh",
       [](float x) { return vcc::math::tanh(x); },
       [](double x) { return std::tanh(x); },
       {{D::kUniform, -10, 10}, {D::kLogMagnitude, -30, 4}}},
      {"sigmoid",
       [](float x) { return vcc::math::sigmoid(x); },
       referenceSigmoid,
       {{D::kUniform, -105, 21}, {D::kUniform, -5, 5}}},
      {"erf",
       [](float x) { return vcc::math::erf(x); },
       [](double x) { return std::erf(x); },
       {{D::kUniform, -4, 4}, {D::kLogMagnitude, -30, 2}}},
      {"erfc",
       [](float x) { return vcc::math::erfc(x); },
       [](double x) { return std::erfc(x); },
       {{D::kUniform, -4, 11}, {D::kLogMagnitude, -30, 2}}},
      {"gelu",
       [](float x) { return vcc::math::gelu(x); },
       referenceGelu,
       {{D::kUniform, -15, 10}, {D::kLogMagnitude, -30, 4}}},
      {"gelu_tanh",
       [](float x) { return vcc::math::gelu_tanh(x); },
       referenceGeluTanh,
       {{D::kUniform, -12, 10}, {D::kLogMagnitude, -30, 4}}},
      {"rsqrt",
       [](float x) { return vcc::math::rsqrt(x); },
       referenceRsqrt,
       {{D::kLogMagnitude, -149, 128, true}}},
  };
  return functions;
}

inline const std::vector<FloatBinaryFunction>& floatBinaryFunctions() {
  using D = Domain;
  static const std::vector<FloatBinaryFunction> functions = {
      {"pow",
       [](float x, float y) { return vcc::math::pow(x, y); },
       [](double x, double y) { return std::pow(x, y); },
       {{{D::kLogMagnitude, -10, 10, true}, {D::kUniform, -15, 15}},
        {{D::kUniform, 0, 2}, {D::kUniform, -200, 200}},
        {{D::kLogMagnitude, -149, 128, true}, {D::kUniform, -1, 1}}}},
  };
  return functions;
}

#if defined(VCC_MATH_HAVE_QUADMATH)
struct DoubleFunction {
  const char* name;
  double (*ours)(double);
  Quad (*reference)(Quad);
  std::vector<Domain> domains;
};

struct DoubleBinaryFunction {
  const char* name;
  double (*ours)(double, double);
  Quad (*reference)(Quad, Quad);
  std::vector<std::pair<Domain, Domain>> domains;
};

inline const std::vector<DoubleFunction>& doubleFunctions() {
  using D = Domain;
  static const std::vector<DoubleFunction> functions = {
      {"exp",
       [](double x) { return vcc::math::exp(x); },
       [](Quad x) { return expq(x); },
       {{D::kUniform, -745.2, 709.8}, {D::kUniform, -1, 1}, {D::kLogMagnitude, -60, 0}}},
      {"expm1",
       [](double x) { return vcc::math::expm1(x); },
       [](Quad x) { return expm1q(x); },
       {{D::kUniform, -40, 709.8}, {D::kUniform, -1, 1}, {D::kLogMagnitude, -60, 0}}},
      {"log",
       [](double x) { return vcc::math::log(x); },
       [](Quad x) { return logq(x); },
       {{D::kLogMagnitude, -1074, 1024, true}, {D::kUniform, 0.5, 2}, {D::kUniform, 0.999, 1.001}}},
      {"log1p",
       [](double x) { return vcc::math::log1p(x); },
       [](Quad x) { return log1pq(x); },
       {{D::kUniform, -1, 1}, {D::kLogMagnitude, -60, 1023}, {D::kUniform, -0.01, 0.01}}},
      {"sin",
       [](double x) { return vcc::math::sin(x); },
       [](Quad x) { return sinq(x); },
       {{D::kUniform, -10, 10}, {D::kUniform, -1e6, 1e6}, {D::kLogMagnitude, -30, 1024}}},
      {"cos",
       [](double x) { return vcc::math::cos(x); },
       [](Quad x) { return cosq(x); },
       {{D::kUniform, -10, 10}, {D::kUniform, -1e6, 1e6}, {D::kLogMagnitude, -30, 1024}}},
      {"tanh",
       [](double x) { return vcc::math::tanh(x); },
       [](Quad x) { return tanhq(x); },
       {{D::kUniform, -23, 23}, {D::kLogMagnitude, -60, 3}}},
      {"sigmoid",
       [](double x) { return vcc::math::sigmoid(x); },
       [](Quad x) { return 1 / (1 + expq(-x)); },
       {{D::kUniform, -750, 40}, {D::kUniform, -5, 5}}},
      {"erf",
       [](double x) { return vcc::math::erf(x); },
       [](Quad x) { return erfq(x); },
       {{D::kUniform, -6.5, 6.5}, {D::kLogMagnitude, -60, 1}}},
      {"erfc",
       [](double x) { return vcc::math::erfc(x); },
       [](Quad x) { return erfcq(x); },
       {{D::kUniform, -7, 28}, {D::kUniform, -1, 1}}},
      {"gelu",
       [](double x) { return vcc::math::gelu(x); },
       [](Quad x) { return x * erfcq(-x / sqrtq(2)) / 2; },
       {{D::kUniform, -40, 12}, {D::kLogMagnitude, -60, 3}}},
      {"rsqrt",
       [](double x) { return vcc::math::rsqrt(x); },
       [](Quad x) { return 1 / sqrtq(x); },
       {{D::kLogMagnitude, -1074, 1024, true}}},
  };
  return functions;
}

inline const std::vector<DoubleBinaryFunction>& doubleBinaryFunctions() {
  using D = Domain;
  static const std::vector<DoubleBinaryFunction> functions = {
      {"pow",
       [](double x, double y) { return vcc::math::pow(x, y); },
       [](Quad x, Quad y) { return powq(x, y); },
       {{{D::kLogMagnitude, -20, 20, true}, {D::kUniform, -40, 40}},
        {{D::kUniform, 0, 2}, {D::kUniform, -1000, 1000}},
        {{D::kLogMagnitude, -1074, 1024, true}, {D::kUniform, -1, 1}}}},
  };
  return functions;
}
#endif

// The worst case of a sampled run.
struct Worst {
  double ulps = 0;
  double x = 0;
  double y = 0;
  uint64_t samples = 0;
  void update(double error, double atX, double atY = 0) {
    ++samples;
    if (error > ulps || (std::isnan(error))) {
      ulps = error;
      x = atX;
      y = atY;
    }
  }
};

} // namespace math_accuracy
