// tanh, sigmoid, erf, erfc, gelu (erf form), gelu_tanh (float) and rsqrt.
// docs/math.md gives the algorithms, special values and measured errors.
#pragma once

#include "vcc/config.hpp"
#include "vcc/math/exp_log.hpp"
#include "vcc/math/fp.hpp"
#include "vcc/math/tables.hpp"

#include <cstdint>

namespace vcc::math {
namespace detail {

// (nh + nl) / (dh + dl) rounded once from a quotient with relative error
// < 2^-100 (plus the inputs' own error).
VCC_HD inline double divideDoubleDouble(double nh, double nl, double dh, double dl) {
  double q = nh / dh;
  double remainder = fusedMultiplyAdd(-q, dh, nh); // exact
  return q + (remainder + nl - q * dl) / dh;
}

// erfcx(t) = exp(t^2) erfc(t) for t in [0.5, 28.8) (piecewise polynomials)
// as a double-double: the constant term is stored in two parts.
VCC_HD inline DoubleDouble erfcx(double t) {
  const double* bounds = erfcxBounds();
  int piece = 0;
  while (piece < kErfcxPieces - 1 && t >= bounds[piece])
    ++piece;
  double u = t - erfcxCenters()[piece];
  const double* c = erfcxPoly() + piece * kErfcxTerms;
  double rest = u * polynomial<kErfcxTerms - 1>(u, c + 1);
  return fastTwoSum(c[0], erfcxLeadLo()[piece] + rest);
}

// (hi + lo) * 2^e: keeps erfc's full precision down into its underflow.
struct ScaledDoubleDouble {
  double hi;
  double lo;
  int e;
};

// erfc(th + tl) for th in [0.5, 28.8), |tl| <= 2^-52 |th|: exp(-t^2) (t^2
// split exactly, the exponent kept apart) times erfcx(t).
VCC_HD inline ScaledDoubleDouble erfcLarge(double th, double tl) {
  DoubleDouble square = twoProduct(th, th);
  square.lo += 2.0 * th * tl;
  DoubleDouble g = erfcx(th);
  g.lo += tl * (2.0 * th * g.hi - kTwoBySqrtPiHi); // erfcx' = 2t erfcx - 2/sqrt(pi)
  ExpParts e = expParts(-square.hi, -square.lo);
  DoubleDouble product = twoProduct(e.hi, g.hi);
  return {product.hi, product.lo + (e.hi * g.lo + e.lo * g.hi), e.e};
}

// erf(x) for |x| < 1/2 as a double-double: x (2/sqrt(pi) + z P(z)), z = x^2.
VCC_HD inline DoubleDouble erfSmall(double x) {
  double z = x * x;
  DoubleDouble lead = twoProduct(kTwoBySqrtPiHi, x);
  double tail =
      lead.lo + (kTwoBySqrtPiLo * x + x * z * polynomial<kErfSmallPolyTerms>(z, erfSmallPoly()));
  return fastTwoSum(lead.hi, tail);
}

// erfc(th + tl) for any finite th, |tl| <= 2^-52 |th|.
VCC_HD inline ScaledDoubleDouble erfcScaled(double th, double tl) {
  if (th >= 28.8) return {0.0, 0.0, 0};
  if (th <= -6.0) return {2.0, 0.0, 0}; // erfc(6) < 2^-55
  if (th >= 0.5) return erfcLarge(th, tl);
  if (th <= -0.5) {
    ScaledDoubleDouble c = erfcLarge(-th, -tl); // c.e >= -53: scaling is exact
    double scale = powerOfTwo(c.e);
    DoubleDouble s = fastTwoSum(2.0, -(c.hi * scale));
    return {s.hi, s.lo - c.lo * scale, 0};
  }
  // 1 - erf(t), minus the first-order effect of tl: erf'(t) = 2/sqrt(pi) e^-t^2.
  DoubleDouble e = erfSmall(th);
  DoubleDouble s = fastTwoSum(1.0, -e.hi);
  return {s.hi, s.lo - e.lo - tl * kTwoBySqrtPiHi * (1.0 - th * th), 0};
}

} // namespace detail

// ------------------------------------------------------------------ tanh
// tanh(NaN) = NaN, tanh(+-inf) = +-1, tanh(+-0) = +-0; odd.
VCC_HD inline double tanh(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  double ax = detail::absolute(x);
  if (ax > 22.0) return detail::withSignOf(1.0, x); // 1 - 2e^-44 rounds to 1
  if (ax < 0x1p-28) return x;
  // tanh|x| = e / (e + 2), e = expm1(2|x|) as a double-double.
  detail::DoubleDouble e = detail::expm1DoubleDouble(2.0 * ax);
  detail::DoubleDouble den = detail::twoSum(e.hi, 2.0);
  double t = detail::divideDoubleDouble(e.hi, e.lo, den.hi, den.lo + e.lo);
  return detail::withSignOf(t, x);
}

VCC_HD inline float tanh(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  float ax = detail::absolute(x);
  if (ax > 9.5f) return detail::withSignOf(1.0f, x); // 1 - 2e^-19 rounds to 1
  if (ax < 0x1p-12f) return x;
  double e = detail::expm1ForFloat(2.0 * static_cast<double>(ax));
  return detail::withSignOf(static_cast<float>(e / (e + 2.0)), x);
}

// --------------------------------------------------------------- sigmoid
// sigmoid(x) = 1 / (1 + e^-x). sigmoid(NaN) = NaN, sigmoid(+inf) = 1,
// sigmoid(-inf) = +0, sigmoid(+-0) = 0.5.
VCC_HD inline double sigmoid(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  if (x > 37.5) return 1.0; // e^-x < 2^-54
  if (x >= 0.0) {
    detail::DoubleDouble e = detail::expDoubleDouble(-x, 0.0);
    detail::DoubleDouble den = detail::fastTwoSum(1.0, e.hi);
    return detail::divideDoubleDouble(1.0, 0.0, den.hi, den.lo + e.lo);
  }
  if (x < -700.0) return detail::expWithTail(x, 0.0); // e^x (1 - e^x) with e^x < 2^-1009
  detail::DoubleDouble e = detail::expDoubleDouble(x, 0.0);
  detail::DoubleDouble den = detail::fastTwoSum(1.0, e.hi);
  return detail::divideDoubleDouble(e.hi, e.lo, den.hi, den.lo + e.lo);
}

VCC_HD inline float sigmoid(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  if (x > 20.0f) return 1.0f;   // e^-x < 2^-28
  if (x < -104.0f) return 0.0f; // below 2^-150
  double xd = x;
  if (x >= 0.0f) return static_cast<float>(1.0 / (1.0 + detail::expForFloat(-xd)));
  double e = detail::expForFloat(xd);
  return static_cast<float>(e / (1.0 + e));
}

// ------------------------------------------------------------- erf, erfc
// erf(NaN) = NaN, erf(+-inf) = +-1, erf(+-0) = +-0; odd.
VCC_HD inline double erf(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  if (x == 0.0) return x; // keeps the sign of zero
  double ax = detail::absolute(x);
  if (ax < 0.5) {
    detail::DoubleDouble e = detail::erfSmall(x);
    return e.hi + e.lo;
  }
  if (ax >= 6.0) return detail::withSignOf(1.0, x);          // erfc(6) < 2^-55
  detail::ScaledDoubleDouble c = detail::erfcLarge(ax, 0.0); // c.e >= -53
  double scale = detail::powerOfTwo(c.e);
  detail::DoubleDouble s = detail::fastTwoSum(1.0, -(c.hi * scale));
  return detail::withSignOf(s.hi + (s.lo - c.lo * scale), x);
}

VCC_HD inline float erf(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  return static_cast<float>(erf(static_cast<double>(x)));
}

// erfc(NaN) = NaN, erfc(+inf) = +0, erfc(-inf) = 2, erfc(+-0) = 1;
// +0 above 27.23 (subnormal results from 26.55).
VCC_HD inline double erfc(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  detail::ScaledDoubleDouble c = detail::erfcScaled(x, 0.0);
  return detail::scaledSum(c.hi, c.lo, c.e);
}

VCC_HD inline float erfc(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  return static_cast<float>(erfc(static_cast<double>(x)));
}

// ------------------------------------------------------------------ gelu
// gelu(x) = x Phi(x) = x erfc(-x/sqrt 2) / 2 (the exact, erf form).
// gelu(NaN) = NaN, gelu(+inf) = +inf, gelu(-inf) = -0, gelu(+-0) = +-0;
// -0 below about -38.6 (the product underflows), x itself above 8.3.
VCC_HD inline double gelu(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  if (x == detail::kInfinity) return x;
  if (x == -detail::kInfinity) return -0.0;
  if (x == 0.0) return x; // keeps the sign of zero
  // t = -x / sqrt(2) as a double-double, so that the argument of exp(-t^2)
  // is exact enough for relative accuracy far into the negative tail.
  detail::DoubleDouble t = detail::twoProduct(-x, detail::kInvSqrt2Hi);
  t.lo += -x * detail::kInvSqrt2Lo;
  detail::ScaledDoubleDouble c = detail::erfcScaled(t.hi, t.lo);
  detail::DoubleDouble product = detail::twoProduct(x, 0.5 * c.hi);
  return detail::scaledSum(product.hi, product.lo + x * (0.5 * c.lo), c.e);
}

VCC_HD inline float gelu(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  return static_cast<float>(gelu(static_cast<double>(x)));
}

// The tanh approximation of GELU used by GPT-2 and BERT:
// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), evaluated as the
// equivalent x sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3)) (no cancellation for
// negative x), in double, rounded once to float.
VCC_HD inline float gelu_tanh(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  double xd = x;
  double v = 2.0 * detail::kSqrt2ByPi * (xd + 0.044715 * (xd * xd * xd));
  if (v > 40.0) return x; // sigmoid(v) = 1 within 2^-57
  if (v < -150.0) return detail::withSignOf(0.0f, x);
  double s = v >= 0.0 ? 1.0 / (1.0 + detail::expForFloat(-v))
                      : detail::expForFloat(v) / (1.0 + detail::expForFloat(v));
  return static_cast<float>(xd * s);
}

// ----------------------------------------------------------------- rsqrt
// 1/sqrt(x). rsqrt(NaN) = NaN, rsqrt(x < 0) = NaN (also -inf),
// rsqrt(+0) = +inf, rsqrt(-0) = -inf, rsqrt(+inf) = +0.
VCC_HD inline double rsqrt(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN(); // by compare: see log
  uint64_t ix = detail::bitsOf(x);
  if (ix == 0) return detail::kInfinity;
  if (ix == 0x8000000000000000ull) return -detail::kInfinity;
  if (ix >= 0x7ff0000000000000ull) {
    if (ix == 0x7ff0000000000000ull) return 0.0;
    return detail::canonicalNaN();
  }
  // Keep x y^2 in range: scale x by an even power of two.
  double scale = 1.0;
  if (x < 0x1p-1000) {
    x *= 0x1p200;
    scale = 0x1p100;
  } else if (x > 0x1p1000) {
    x *= 0x1p-200;
    scale = 0x1p-100;
  }
  double y = 1.0 / detail::squareRoot(x);
  // One Newton step on the exact residual x y^2 - 1.
  detail::DoubleDouble y2 = detail::twoProduct(y, y);
  double residual = detail::fusedMultiplyAdd(x, y2.hi, -1.0) + x * y2.lo;
  return (y - 0.5 * y * residual) * scale;
}

VCC_HD inline float rsqrt(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  uint32_t ix = detail::bitsOf(x);
  if (ix == 0) return detail::kInfinityFloat;
  if (ix == 0x80000000u) return -detail::kInfinityFloat;
  if (ix >= 0x7f800000u) {
    if (ix == 0x7f800000u) return 0.0f;
    return detail::canonicalNaNFloat();
  }
  return static_cast<float>(1.0 / detail::squareRoot(static_cast<double>(x)));
}

} // namespace vcc::math
