// exp, expm1, log, log1p (float and double) and the double-double cores
// that pow, tanh, sigmoid and erfc build on. Algorithms and error bounds:
// docs/math.md.
#pragma once

#include "vcc/config.hpp"
#include "vcc/math/fp.hpp"
#include "vcc/math/tables.hpp"

#include <cstdint>

namespace vcc::math {
namespace detail {

// ---------------------------------------------------------------- exp core
// exp(x + xlo) = 2^e * (hi + lo), hi = 2^(j/64) in [1, 2), |lo| < 2^-7 hi,
// for x in [-746, 710] and |xlo| <= 2^-40 (Tang's method): x = k ln2/64 + r
// with |r| <= ln2/128 (Cody-Waite, k * kLn2By64Hi exact and x minus it exact
// by Sterbenz), exp(r) - 1 by a degree-6 polynomial, 2^(j/64) from the table.
struct ExpParts {
  double hi;
  double lo;
  int e;
};

VCC_HD inline ExpParts expParts(double x, double xlo) {
  RoundedInteger rounded = roundToIntegerParts(x * kInvLn2x64);
  double kd = rounded.value;
  int k = rounded.integer;
  double r = ((x - kd * kLn2By64Hi) - kd * kLn2By64Lo) + xlo;
  double p = r + r * r * polynomial<kExpPolyTerms>(r, expPoly());
  const double* table = exp2Table();
  int j = k & 63;
  double th = table[2 * j];
  double tl = table[2 * j + 1];
  return {th, tl + th * p + tl * p, k >> 6};
}

// y * 2^e for a finite y, rounded once.
VCC_HD inline double scaled(double y, int e) {
  if (e >= -1022 && e <= 1023) return y * powerOfTwo(e);
  return scaleByPowerOfTwo(y, e);
}

// (hi + lo) * 2^e rounded once, also when the result is subnormal: there,
// rounding hi + lo to 53 bits first and then to the subnormal grid would
// round twice, so |hi + lo| 2^(e+1022) is rounded to a multiple of 2^-52 by
// adding it to 1 (an exact sum plus one rounding), then scaled exactly.
VCC_HD inline double scaledSum(double hi, double lo, int e) {
  double approx = scaled(hi + lo, e);
  if (!(absolute(approx) < 0x1p-1022) || e < -1082) return approx;
  double scale = powerOfTwo(e + 1022);
  bool negative = signBit(hi);
  double zh = absolute(hi) * scale;
  double zl = (negative ? -lo : lo) * scale;
  DoubleDouble w = fastTwoSum(1.0, zh);
  double rounded = w.hi + (w.lo + zl);
  return withSignOf((rounded - 1.0) * 0x1p-1022, hi);
}

// exp(x + xlo) for finite x; overflow gives +inf, underflow +0 or a subnormal.
VCC_HD inline double expWithTail(double x, double xlo) {
  if (x > 710.0) return kInfinity;
  if (x < -746.0) return 0.0;
  ExpParts parts = expParts(x, xlo);
  return scaledSum(parts.hi, parts.lo, parts.e);
}

// exp(x) as a double-double, relative error < 2^-62, for x in [-700, 700]
// (no under- or overflow of either part).
VCC_HD inline DoubleDouble expDoubleDouble(double x, double xlo) {
  ExpParts parts = expParts(x, xlo);
  DoubleDouble sum = fastTwoSum(parts.hi, parts.lo);
  double scale = powerOfTwo(parts.e);
  return {sum.hi * scale, sum.lo * scale};
}

// expm1(x) as a double-double, relative error < 2^-60, for |x| <= 40.
VCC_HD inline DoubleDouble expm1DoubleDouble(double x) {
  RoundedInteger rounded = roundToIntegerParts(x * kInvLn2x64);
  double kd = rounded.value;
  int k = rounded.integer;
  // r = x - k ln2/64 as a double-double: here the result can be as small as
  // r itself, so the rounding of r would show.
  DoubleDouble r = fastTwoSum(x - kd * kLn2By64Hi, -(kd * kLn2By64Lo));
  double r2p = r.hi * r.hi * polynomial<kExpPolyTerms>(r.hi, expPoly());
  if (k == 0) return fastTwoSum(r.hi, r2p); // r == x: no cancellation
  // exp(x) - 1 = (A - 1) + A r + A r^2 P(r) + Alo (1 + r), A = 2^(k/64) hi part.
  const double* table = exp2Table();
  int j = k & 63;
  double scale = powerOfTwo(k >> 6);
  double a = table[2 * j] * scale;
  double alo = table[2 * j + 1] * scale;
  DoubleDouble aMinusOne = twoSum(a, -1.0);
  DoubleDouble ar = twoProduct(a, r.hi);
  DoubleDouble sum = twoSum(aMinusOne.hi, ar.hi);
  double tail = sum.lo + aMinusOne.lo + ar.lo + a * (r2p + r.lo) + alo * (1.0 + r.hi);
  return fastTwoSum(sum.hi, tail);
}

// exp(x) with relative error < 2^-44 for x in [-150, 100]: the inner
// function of the float results (one rounding to float at the end).
VCC_HD inline double expForFloat(double x) {
  RoundedInteger rounded = roundToIntegerParts(x * kInvLn2x64);
  double kd = rounded.value;
  int k = rounded.integer;
  double r = (x - kd * kLn2By64Hi) - kd * kLn2By64Lo;
  double p = r + r * r * polynomial<kExpPolyFloatTerms>(r, expPolyFloat());
  double th = exp2Table()[2 * (k & 63)];
  return (th + th * p) * powerOfTwo(k >> 6);
}

// expm1(x) with relative error < 2^-50 for |x| <= 40 (float results). The
// result can be as small as r, so p needs the double polynomial: the float
// one's absolute error (2^-44.5) would be 2^-37 relative near |x| = ln2/128.
VCC_HD inline double expm1ForFloat(double x) {
  RoundedInteger rounded = roundToIntegerParts(x * kInvLn2x64);
  double kd = rounded.value;
  int k = rounded.integer;
  double r = (x - kd * kLn2By64Hi) - kd * kLn2By64Lo;
  double p = r + r * r * polynomial<kExpPolyTerms>(r, expPoly());
  if (k == 0) return p;
  const double* table = exp2Table();
  int j = k & 63;
  double scale = powerOfTwo(k >> 6);
  double a = table[2 * j] * scale;
  return (a - 1.0) + (a * p + table[2 * j + 1] * scale);
}

// ---------------------------------------------------------------- log core
// x = 2^k z with z in [0.6875, 1.375); z * invc = 1 + r with |r| <= 2^-7
// (logTable); log x = k ln2 - log(invc) + log1p(r).
struct LogReduction {
  double z;
  int k;
  const double* entry; // invc, logc_hi, logc_lo
};

// x positive and finite (subnormals included).
VCC_HD inline LogReduction reduceLog(double x) {
  uint64_t ix = bitsOf(x);
  int kAdjust = 0;
  if (ix < (uint64_t{1} << 52)) { // subnormal: scale into the normal range
    ix = bitsOf(x * 0x1p52);
    kAdjust = -52;
  }
  constexpr uint64_t kOffset = 0x3fe6000000000000ull; // bits of 0.6875
  int64_t tmp = static_cast<int64_t>(ix - kOffset);
  int i = static_cast<int>((tmp >> 45) & 127);
  int k = static_cast<int>(tmp >> 52);
  uint64_t iz = ix - (static_cast<uint64_t>(tmp) & (uint64_t{0xfff} << 52));
  return {doubleFromBits(iz), k + kAdjust, logTable() + 3 * i};
}

// log(x) + extra for positive finite x, where |extra| <= 2^-50 |log x|.
// The result is rounded once from a sum whose error is < 2^-60 relative.
VCC_HD inline double logPositive(double x, double extra) {
  LogReduction red = reduceLog(x);
  double invc = red.entry[0];
  // r = z invc - 1 exactly as rh + rl (the product is ~1, so p - 1 is exact).
  double p = red.z * invc;
  double rl = fusedMultiplyAdd(red.z, invc, -p);
  double rh = p - 1.0;
  double kd = static_cast<double>(red.k);
  DoubleDouble s1 = fastTwoSum(kd * kLn2Hi, red.entry[1]);
  DoubleDouble s2 = fastTwoSum(s1.hi, rh);
  // log1p(rh + rl) = rh + rl - rh rl + rh^2 P(rh) + O(2^-70)
  double tail = rh * rh * polynomial<kLogPolyTerms>(rh, logPoly()) + (rl - rh * rl);
  tail += s1.lo + s2.lo + (kd * kLn2Lo + red.entry[2]) + extra;
  return s2.hi + tail;
}

// log(x) as a double-double with relative error < 2^-66 (pow).
VCC_HD inline DoubleDouble logDoubleDouble(double x) {
  LogReduction red = reduceLog(x);
  double invc = red.entry[0];
  double p = red.z * invc;
  double rl = fusedMultiplyAdd(red.z, invc, -p);
  double rh = p - 1.0;
  double kd = static_cast<double>(red.k);
  DoubleDouble s1 = fastTwoSum(kd * kLn2Hi, red.entry[1]);
  DoubleDouble s2 = fastTwoSum(s1.hi, rh);
  DoubleDouble square = twoProduct(rh, rh);
  DoubleDouble s3 = fastTwoSum(s2.hi, -0.5 * square.hi);
  double tail = rh * square.hi * polynomial<kLogPoly3Terms>(rh, logPoly3());
  tail += (rl - rh * rl) - 0.5 * square.lo;
  tail += s1.lo + s2.lo + s3.lo + (kd * kLn2Lo + red.entry[2]);
  return fastTwoSum(s3.hi, tail);
}

// log(x) with relative error < 2^-44 for positive finite x (float results).
VCC_HD inline double logForFloat(double x) {
  LogReduction red = reduceLog(x);
  double r = red.z * red.entry[0] - 1.0;
  double kd = static_cast<double>(red.k);
  double log1pr = r + r * r * polynomial<kLogPolyFloatTerms>(r, logPolyFloat());
  return (kd * kLn2Hi + red.entry[1]) + log1pr;
}

} // namespace detail

// ------------------------------------------------------------------- exp
// exp(NaN) = NaN, exp(+inf) = +inf, exp(-inf) = +0, exp(+-0) = 1; overflow
// to +inf above 0x1.62e42fefa39efp+9, subnormal results below -708.39,
// +0 below -745.13.
VCC_HD inline double exp(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  return detail::expWithTail(x, 0.0);
}

VCC_HD inline float exp(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  if (x > 89.0f) return detail::kInfinityFloat;
  if (x < -104.0f) return 0.0f;
  return static_cast<float>(detail::expForFloat(x));
}

// ----------------------------------------------------------------- expm1
// expm1(NaN) = NaN, expm1(+inf) = +inf, expm1(-inf) = -1, expm1(+-0) = +-0;
// tiny arguments return themselves (sign and subnormals kept).
VCC_HD inline double expm1(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  if (x > 40.0) return detail::expWithTail(x, 0.0); // e^x > 2^57: the -1 is below half an ulp
  if (x < -40.0) return -1.0;
  if (detail::absolute(x) < 0x1p-54) return x;
  detail::DoubleDouble e = detail::expm1DoubleDouble(x);
  return e.hi + e.lo;
}

VCC_HD inline float expm1(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  if (x > 89.0f) return detail::kInfinityFloat;
  if (x < -18.0f) return -1.0f;
  if (detail::absolute(x) < 0x1p-25f) return x; // keeps -0 and subnormals
  if (x > 40.0f) return static_cast<float>(detail::expForFloat(x));
  return static_cast<float>(detail::expm1ForFloat(x));
}

// ------------------------------------------------------------------- log
// log(NaN) = NaN, log(x < 0) = NaN (also -inf), log(+-0) = -inf,
// log(+inf) = +inf, log(1) = +0.
// NaN is tested first with a compare, not by bits: the IR plugin then knows
// that the bits read below are never a NaN's and canonicalizes nothing there
// (docs/passes.md, "NaN bits").
VCC_HD inline double log(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  uint64_t ix = detail::bitsOf(x);
  if (ix >= 0x7ff0000000000000ull) { // negative (but -0) or inf
    if (ix == 0x7ff0000000000000ull) return x;
    if (ix == 0x8000000000000000ull) return -detail::kInfinity;
    return detail::canonicalNaN();
  }
  if (ix == 0) return -detail::kInfinity;
  return detail::logPositive(x, 0.0);
}

VCC_HD inline float log(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  uint32_t ix = detail::bitsOf(x);
  if (ix >= 0x7f800000u) {
    if (ix == 0x7f800000u) return x;
    if (ix == 0x80000000u) return -detail::kInfinityFloat;
    return detail::canonicalNaNFloat();
  }
  if (ix == 0) return -detail::kInfinityFloat;
  return static_cast<float>(detail::logForFloat(x));
}

// ----------------------------------------------------------------- log1p
// log1p(NaN) = NaN, log1p(x < -1) = NaN, log1p(-1) = -inf, log1p(+inf) =
// +inf, log1p(+-0) = +-0; tiny arguments return themselves.
VCC_HD inline double log1p(double x) {
  if (detail::isNaN(x)) return detail::canonicalNaN();
  if (x >= -0x1p-8 && x < 0x1p-7) {
    return x + x * x * detail::polynomial<detail::kLogPolyTerms>(x, detail::logPoly());
  }
  if (x <= -1.0) return x == -1.0 ? -detail::kInfinity : detail::canonicalNaN();
  if (x == detail::kInfinity) return x;
  // 1 + x = u + c exactly; log1p(x) = log(u) + c/u + O(2^-106).
  detail::DoubleDouble u = detail::twoSum(1.0, x);
  return detail::logPositive(u.hi, u.lo / u.hi);
}

VCC_HD inline float log1p(float x) {
  if (detail::isNaN(x)) return detail::canonicalNaNFloat();
  double xd = x;
  if (xd >= -0x1p-8 && xd < 0x1p-7) {
    return static_cast<float>(
        xd + xd * xd * detail::polynomial<detail::kLogPolyFloatTerms>(xd, detail::logPolyFloat()));
  }
  if (x <= -1.0f) return x == -1.0f ? -detail::kInfinityFloat : detail::canonicalNaNFloat();
  if (x == detail::kInfinityFloat) return x;
  return static_cast<float>(detail::logForFloat(1.0 + xd)); // exact for |x| < 2^52
}

} // namespace vcc::math
