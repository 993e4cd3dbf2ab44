// sin and cos (float and double): argument reduction modulo pi/2 that is
// accurate for every finite double, then polynomial kernels on [-pi/4, pi/4].
// docs/math.md gives the error analysis.
#pragma once

#include "vcc/config.hpp"
#include "vcc/math/fp.hpp"
#include "vcc/math/tables.hpp"

#include <cstdint>

namespace vcc::math {
namespace detail {

// x = quadrant * pi/2 + (hi + lo) (mod 2 pi), |hi + lo| <= pi/4 (+ 2^-50).
struct TrigReduction {
  double hi;
  double lo;
  int quadrant; // 0..3
};

// |x| < 2^28. Cody-Waite with pi/2 in three doubles (159 bits): the first
// step x - k P1 is exact (the fma rounds a value that is a multiple of 2^-53
// below 1 in magnitude), k P2 is split exactly, and the remaining error
// k * 2^-159 is below 2^-131, far under the smallest |r| a double can have
// (about 2^-61, see docs/math.md).
VCC_HD inline TrigReduction reduceMedium(double x) {
  RoundedInteger rounded = roundToIntegerParts(x * kTwoByPi);
  double kd = rounded.value;
  double a = fusedMultiplyAdd(-kd, kPiBy2Part1, x);
  DoubleDouble b = twoProduct(kd, kPiBy2Part2);
  DoubleDouble s = twoSum(a, -b.hi);
  double tail = (s.lo - b.lo) - kd * kPiBy2Part3;
  DoubleDouble r = fastTwoSum(s.hi, tail);
  return {r.hi, r.lo, rounded.integer & 3};
}

// 64 x 64 -> 128-bit unsigned product.
VCC_HD inline void multiply64(uint64_t a, uint64_t b, uint64_t& hi, uint64_t& lo) {
#if defined(__CUDA_ARCH__)
  lo = a * b;
  hi = __umul64hi(a, b);
#else
  uint64_t a0 = a & 0xffffffffu, a1 = a >> 32;
  uint64_t b0 = b & 0xffffffffu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t middle = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  lo = (middle << 32) | (p00 & 0xffffffffu);
  hi = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
#endif
}

VCC_HD inline int countLeadingZeros(uint64_t x) { // x != 0
#if defined(__CUDA_ARCH__)
  return __clzll(static_cast<long long>(x));
#else
  return __builtin_clzll(x);
#endif
}

// Bits b_pos .. b_pos+63 of 2/pi = 0.b_1 b_2 ... (b_i = 0 for i <= 0),
// for -62 <= pos <= 1280.
VCC_HD inline uint64_t twoByPiWindow(int pos) {
  const uint64_t* bits = twoByPiBits();
  if (pos < 1) return bits[0] >> (1 - pos);
  int word = (pos - 1) / 64;
  int offset = (pos - 1) % 64;
  if (offset == 0) return bits[word];
  return (bits[word] << offset) | (bits[word + 1] >> (64 - offset));
}

// Payne-Hanek for finite |x| >= 2^28: x = m 2^e with a 53-bit integer m;
// x * 2/pi mod 4 needs only the bits of 2/pi from b_(e-1) on (earlier ones
// contribute multiples of 4), and 192 of them give the fraction to 2^-128
// (|fraction| >= 2^-62 for every double, so >= 66 significant bits remain).
VCC_HD inline TrigReduction reduceLarge(double x) {
  uint64_t ix = bitsOf(x) & 0x7fffffffffffffffull;
  int e = static_cast<int>(ix >> 52) - 1023 - 52;
  uint64_t m = (ix & 0x000fffffffffffffull) | (uint64_t{1} << 52);
  int start = e - 1;
  uint64_t w0 = twoByPiWindow(start), w1 = twoByPiWindow(start + 64),
           w2 = twoByPiWindow(start + 128);
  // m * (w0 2^128 + w1 2^64 + w2) as four 64-bit limbs; x * 2/pi = that * 2^-190.
  uint64_t h0, l0, h1, l1, h2, l2;
  multiply64(m, w0, h0, l0);
  multiply64(m, w1, h1, l1);
  multiply64(m, w2, h2, l2);
  uint64_t limb0 = l2;
  uint64_t limb1 = h2 + l1;
  uint64_t carry1 = limb1 < h2 ? 1 : 0;
  uint64_t limb2 = h1 + l0;
  uint64_t carry2 = limb2 < h1 ? 1 : 0;
  limb2 += carry1;
  carry2 += (limb2 < carry1) ? 1 : 0;
  (void)h0;
  (void)carry2; // limb3 = h0 + carry2 only holds multiples of 4
  int quadrant = static_cast<int>(limb2 >> 62);
  // The fraction: bits 189..62 of the product, as a signed 128-bit number
  // (f - 1 when f >= 1/2, rounding the quotient to nearest).
  uint64_t fhi = (limb2 << 2) | (limb1 >> 62);
  uint64_t flo = (limb1 << 2) | (limb0 >> 62);
  bool negative = (fhi >> 63) != 0;
  if (negative) {
    quadrant += 1;
    flo = ~flo + 1;
    fhi = ~fhi + (flo == 0 ? 1 : 0);
  }
  if ((fhi | flo) == 0) return {0.0, 0.0, quadrant & 3};  // cannot happen (|f| > 2^-62)
  // Normalize |f| = (fhi 2^64 + flo) 2^-128 into a double-double.
  int shift = fhi != 0 ? countLeadingZeros(fhi) : 64 + countLeadingZeros(flo);
  uint64_t nhi, nlo;
  if (shift >= 64) {
    nhi = flo << (shift - 64);
    nlo = 0;
  } else if (shift > 0) {
    nhi = (fhi << shift) | (flo >> (64 - shift));
    nlo = flo << shift;
  } else {
    nhi = fhi;
    nlo = flo;
  }
  double fh = static_cast<double>(nhi >> 11) * powerOfTwo(-53 - shift);
  double fl = static_cast<double>(((nhi & 0x7ff) << 42) | (nlo >> 22)) * powerOfTwo(-106 - shift);
  DoubleDouble r = twoProduct(fh, kPiBy2Part1);
  r.lo += fh * kPiBy2Part2 + fl * kPiBy2Part1;
  r = fastTwoSum(r.hi, r.lo);
  if (negative) r = {-r.hi, -r.lo};
  if (signBit(x)) {
    r = {-r.hi, -r.lo};
    quadrant = -quadrant;
  }
  return {r.hi, r.lo, quadrant & 3};
}

VCC_HD inline TrigReduction reduce(double x) {
  if (absolute(x) < 0x1p28) return reduceMedium(x);
  return reduceLarge(x);
}

// sin(rh + rl) for |r| <= pi/4.
VCC_HD inline double sinKernel(double rh, double rl) {
  double z = rh * rh;
  double s = rh * z * polynomial<kSinPolyTerms>(z, sinPoly());
  return rh + (s + rl * (1.0 - 0.5 * z));
}

// cos(rh + rl) for |r| <= pi/4: 1 - r^2/2 is split exactly so that the
// cancellation near pi/4 loses nothing.
VCC_HD inline double cosKernel(double rh, double rl) {
  DoubleDouble square = twoProduct(rh, rh);
  double half = 0.5 * square.hi;
  DoubleDouble w = fastTwoSum(1.0, -half);
  double c = square.hi * square.hi * polynomial<kCosPolyTerms>(square.hi, cosPoly());
  return w.hi + (w.lo + (c - 0.5 * square.lo - rh * rl));
}

VCC_HD inline double sinKernelForFloat(double r) {
  double z = r * r;
  return r + r * z * polynomial<kSinPolyFloatTerms>(z, sinPolyFloat());
}

VCC_HD inline double cosKernelForFloat(double r) {
  double z = r * r;
  return (1.0 - 0.5 * z) + z * z * polynomial<kCosPolyFloatTerms>(z, cosPolyFloat());
}

inline constexpr double kPiBy4 = 0x1.921fb54442d18p-1;

} // namespace detail

// sin(NaN) = sin(+-inf) = NaN, sin(+-0) = +-0, sin(x) = x for |x| < 2^-26.
// Accurate for every finite double (Payne-Hanek above 2^28).
VCC_HD inline double sin(double x) {
  double ax = detail::absolute(x);
  if (!(ax < detail::kInfinity)) return detail::canonicalNaN();
  if (ax < 0x1p-26) return x;
  if (ax <= detail::kPiBy4) return detail::sinKernel(x, 0.0);
  detail::TrigReduction red = detail::reduce(x);
  switch (red.quadrant) {
  case 0: return detail::sinKernel(red.hi, red.lo);
  case 1: return detail::cosKernel(red.hi, red.lo);
  case 2: return -detail::sinKernel(red.hi, red.lo);
  default: return -detail::cosKernel(red.hi, red.lo);
  }
}

// cos(NaN) = cos(+-inf) = NaN, cos(+-0) = 1.
VCC_HD inline double cos(double x) {
  double ax = detail::absolute(x);
  if (!(ax < detail::kInfinity)) return detail::canonicalNaN();
  if (ax < 0x1p-27) return 1.0;
  if (ax <= detail::kPiBy4) return detail::cosKernel(x, 0.0);
  detail::TrigReduction red = detail::reduce(x);
  switch (red.quadrant) {
  case 0: return detail::cosKernel(red.hi, red.lo);
  case 1: return -detail::sinKernel(red.hi, red.lo);
  case 2: return -detail::cosKernel(red.hi, red.lo);
  default: return detail::sinKernel(red.hi, red.lo);
  }
}

VCC_HD inline float sin(float x) {
  float ax = detail::absolute(x);
  if (!(ax < detail::kInfinityFloat)) return detail::canonicalNaNFloat();
  if (ax < 0x1p-12f) return x;
  double xd = x;
  if (ax <= static_cast<float>(detail::kPiBy4))
    return static_cast<float>(detail::sinKernelForFloat(xd));
  detail::TrigReduction red = detail::reduce(xd);
  switch (red.quadrant) {
  case 0: return static_cast<float>(detail::sinKernelForFloat(red.hi));
  case 1: return static_cast<float>(detail::cosKernelForFloat(red.hi));
  case 2: return static_cast<float>(-detail::sinKernelForFloat(red.hi));
  default: return static_cast<float>(-detail::cosKernelForFloat(red.hi));
  }
}

VCC_HD inline float cos(float x) {
  float ax = detail::absolute(x);
  if (!(ax < detail::kInfinityFloat)) return detail::canonicalNaNFloat();
  if (ax < 0x1p-12f) return 1.0f;
  double xd = x;
  if (ax <= static_cast<float>(detail::kPiBy4))
    return static_cast<float>(detail::cosKernelForFloat(xd));
  detail::TrigReduction red = detail::reduce(xd);
  switch (red.quadrant) {
  case 0: return static_cast<float>(detail::cosKernelForFloat(red.hi));
  case 1: return static_cast<float>(-detail::sinKernelForFloat(red.hi));
  case 2: return static_cast<float>(-detail::cosKernelForFloat(red.hi));
  default: return static_cast<float>(detail::sinKernelForFloat(red.hi));
  }
}

} // namespace vcc::math
