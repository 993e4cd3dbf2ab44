// Building blocks of vcc::math: bit access, the canonical NaN, the one fma
// every target rounds the same way, and error-free transformations
// (double-double arithmetic). Nothing here calls libm except sqrt and fma,
// which IEEE 754 defines exactly and every target implements correctly
// rounded (docs/math.md, "Why the results are identical").
#pragma once

#include "vcc/config.hpp"

#include <cstdint>

#if !defined(__CUDA_ARCH__)
#include <bit>
#endif

namespace vcc::math::detail {

VCC_HD inline uint64_t bitsOf(double x) {
#if defined(__CUDA_ARCH__)
  return static_cast<uint64_t>(__double_as_longlong(x));
#else
  return std::bit_cast<uint64_t>(x);
#endif
}

VCC_HD inline double doubleFromBits(uint64_t bits) {
#if defined(__CUDA_ARCH__)
  return __longlong_as_double(static_cast<long long>(bits));
#else
  return std::bit_cast<double>(bits);
#endif
}

VCC_HD inline uint32_t bitsOf(float x) {
#if defined(__CUDA_ARCH__)
  return __float_as_uint(x);
#else
  return std::bit_cast<uint32_t>(x);
#endif
}

VCC_HD inline float floatFromBits(uint32_t bits) {
#if defined(__CUDA_ARCH__)
  return __uint_as_float(bits);
#else
  return std::bit_cast<float>(bits);
#endif
}

// The quiet NaNs every vcc::math function returns for a NaN result: the
// positive default NaNs of RISC-V and ARM. x86 would produce a negative NaN
// and propagate payloads, CUDA a different one, so NaNs are never returned
// from arithmetic, always as these bits.
inline constexpr uint64_t kCanonicalNaNBits = 0x7ff8000000000000ull;
inline constexpr uint32_t kCanonicalNaNBitsFloat = 0x7fc00000u;

inline constexpr double kInfinity = __builtin_huge_val();
inline constexpr float kInfinityFloat = __builtin_huge_valf();

VCC_HD inline double canonicalNaN() {
  return doubleFromBits(kCanonicalNaNBits);
}
VCC_HD inline float canonicalNaNFloat() {
  return floatFromBits(kCanonicalNaNBitsFloat);
}

// A comparison, not a test of the bits: the IR plugin's NaN
// canonicalization (docs/passes.md) then knows x is not NaN on the other
// branch and leaves the bit manipulations that follow unchecked.
VCC_HD inline bool isNaN(double x) {
  return x != x;
}
VCC_HD inline bool isNaN(float x) {
  return x != x;
}
VCC_HD inline double absolute(double x) {
  return doubleFromBits(bitsOf(x) & 0x7fffffffffffffffull);
}
VCC_HD inline float absolute(float x) {
  return floatFromBits(bitsOf(x) & 0x7fffffffu);
}
VCC_HD inline bool signBit(double x) {
  return (bitsOf(x) >> 63) != 0;
}
VCC_HD inline bool signBit(float x) {
  return (bitsOf(x) >> 31) != 0;
}
// |x| with the sign of s.
// IEEE copySign: exact on every target (bit operations in the guest's
// soft-float), and a copysign rather than bitcasts to the IR plugin, which
// then checks only the sign operand for NaN.
VCC_HD inline double withSignOf(double x, double s) {
#if defined(__CUDA_ARCH__)
  return ::copysign(x, s);
#else
  return __builtin_copysign(x, s);
#endif
}
VCC_HD inline float withSignOf(float x, float s) {
#if defined(__CUDA_ARCH__)
  return ::copysignf(x, s);
#else
  return __builtin_copysignf(x, s);
#endif
}

// a * b + c rounded once. glibc's fma (the host), the guest runtime's
// soft_fma.c and CUDA's __fma_rn are all correctly rounded, so this is an
// exact IEEE operation on every target (SPEC §4: "fma (explicit)").
VCC_HD inline double fusedMultiplyAdd(double a, double b, double c) {
#if defined(__CUDA_ARCH__)
  return __fma_rn(a, b, c);
#else
  return __builtin_fma(a, b, c);
#endif
}

// Correctly rounded square root (sqrtsd, picolibc's soft sqrt, CUDA's
// IEEE-compliant double sqrt).
VCC_HD inline double squareRoot(double x) {
#if defined(__CUDA_ARCH__)
  return __dsqrt_rn(x);
#else
  return __builtin_sqrt(x);
#endif
}

// 2^e as a double, for e in [-1022, 1023].
VCC_HD inline double powerOfTwo(int e) {
  return doubleFromBits(static_cast<uint64_t>(e + 1023) << 52);
}

// y * 2^e for |e| <= 2044, rounded once: the first factor 2^(e/2) keeps the
// product in the normal range (exact), the second rounds it (to a subnormal,
// zero or infinity when the result is out of range).
VCC_HD inline double scaleByPowerOfTwo(double y, int e) {
  int half = e / 2;
  return y * powerOfTwo(half) * powerOfTwo(e - half);
}

// Rounds |x| < 2^51 to the nearest integer (ties to even) with exact
// operations: adding 1.5 * 2^52 pushes the fraction bits out. The integer
// is also returned as an int, for |x| < 2^31, read from the low bits of the
// shifted sum (2^51 + n: its low 32 bits are n in two's complement) rather
// than converted: the same value as static_cast<int>(value), without the IR
// plugin's saturating conversion natively or a soft-float conversion call
// in the guest.
struct RoundedInteger {
  double value;
  int integer;
};
VCC_HD inline RoundedInteger roundToIntegerParts(double x) {
  constexpr double kShifter = 0x1.8p52;
  double shifted = x + kShifter;
  return {shifted - kShifter, static_cast<int>(static_cast<uint32_t>(bitsOf(shifted)))};
}

// An unevaluated sum hi + lo with |lo| <= ulp(hi) / 2 (a double-double).
struct DoubleDouble {
  double hi;
  double lo;
};

// a + b = s + e exactly (Knuth), for any a, b.
VCC_HD inline DoubleDouble twoSum(double a, double b) {
  double s = a + b;
  double bb = s - a;
  double e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

// a + b = s + e exactly when a == 0 or |a| >= |b| (Dekker).
VCC_HD inline DoubleDouble fastTwoSum(double a, double b) {
  double s = a + b;
  double e = b - (s - a);
  return {s, e};
}

// a * b = p + e exactly (barring underflow of e).
VCC_HD inline DoubleDouble twoProduct(double a, double b) {
  double p = a * b;
  return {p, fusedMultiplyAdd(a, b, -p)};
}

// c[0] + c[1] x + ... + c[N-1] x^(N-1) by Horner's rule.
template <int N> VCC_HD inline double polynomial(double x, const double* c) {
  double acc = c[N - 1];
  for (int i = N - 2; i >= 0; --i)
    acc = acc * x + c[i];
  return acc;
}

} // namespace vcc::math::detail
