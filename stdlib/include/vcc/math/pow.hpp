// pow (float and double): exp(y log|x|) with log|x| as a double-double, so
// that the product keeps its accuracy up to |y log x| ~ 745, plus the
// special cases of C99 Annex F / IEEE 754 pow. docs/math.md has the table.
#pragma once

#include "vcc/config.hpp"
#include "vcc/math/exp_log.hpp"
#include "vcc/math/fp.hpp"

#include <cstdint>

namespace vcc::math {
namespace detail {

enum class IntegerKind { kNotInteger, kOdd, kEven };

VCC_HD inline IntegerKind integerKind(double y) {
  uint64_t iy = bitsOf(y) & 0x7fffffffffffffffull;
  int e = static_cast<int>(iy >> 52) - 1023;
  if (e < 0) return iy == 0 ? IntegerKind::kEven : IntegerKind::kNotInteger;
  if (e > 52) return IntegerKind::kEven; // includes inf; NaN is handled first
  uint64_t fraction = (uint64_t{1} << (52 - e)) - 1;
  if (iy & fraction) return IntegerKind::kNotInteger;
  return ((iy >> (52 - e)) & 1) ? IntegerKind::kOdd : IntegerKind::kEven;
}

// The special cases shared by the float and double versions; true when
// *result holds the answer. x and y are the arguments converted to double.
VCC_HD inline bool powSpecial(double x, double y, double& result, bool& negate) {
  negate = false;
  if (y == 0.0 || x == 1.0) {
    result = 1.0;
    return true;
  }
  if (isNaN(x) || isNaN(y)) {
    result = canonicalNaN();
    return true;
  }
  double ax = absolute(x);
  if (absolute(y) == kInfinity) {
    if (ax == 1.0)
      result = 1.0; // (-1)^+-inf
    else
      result = (ax < 1.0) == (y < 0.0) ? kInfinity : 0.0;
    return true;
  }
  IntegerKind kind = integerKind(y);
  if (x == 0.0 || ax == kInfinity) {
    // +-0 and +-inf: magnitude 0 or inf, sign of x only for odd integer y.
    bool big = (x == 0.0) == (y < 0.0);
    result = big ? kInfinity : 0.0;
    if (kind == IntegerKind::kOdd && signBit(x)) result = -result;
    return true;
  }
  if (x < 0.0) {
    if (kind == IntegerKind::kNotInteger) {
      result = canonicalNaN();
      return true;
    }
    negate = kind == IntegerKind::kOdd;
  }
  return false;
}

} // namespace detail

// pow(x, +-0) = 1 and pow(1, y) = 1 for any x, y (NaN too); otherwise NaN
// in, NaN out. pow(x < 0, non-integer) = NaN. pow(-1, +-inf) = 1;
// pow(|x| < 1, -inf) = pow(|x| > 1, +inf) = +inf, the other two +0.
// pow(+-0, y): y < 0 gives +inf (-inf for -0 and odd integer y), y > 0
// gives +0 (-0 for -0 and odd y). pow(+-inf, y) mirrors +-0 with the sign
// of the exponent flipped. Negative x with integer y: the sign of an odd
// power.
VCC_HD inline double pow(double x, double y) {
  double special;
  bool negate;
  if (detail::powSpecial(x, y, special, negate)) return special;
  detail::DoubleDouble l = detail::logDoubleDouble(detail::absolute(x));
  detail::DoubleDouble z = detail::twoProduct(y, l.hi);
  double result;
  if (z.hi > 710.0)
    result = detail::kInfinity; // also an infinite product
  else if (z.hi < -746.0)
    result = 0.0;
  else
    result = detail::expWithTail(z.hi, z.lo + y * l.lo);
  return negate ? -result : result;
}

VCC_HD inline float pow(float x, float y) {
  double special;
  bool negate;
  if (detail::powSpecial(x, y, special, negate)) {
    return detail::isNaN(special) ? detail::canonicalNaNFloat() : static_cast<float>(special);
  }
  double z =
      static_cast<double>(y) * detail::logPositive(detail::absolute(static_cast<double>(x)), 0.0);
  float result;
  if (z > 89.0)
    result = detail::kInfinityFloat;
  else if (z < -105.0)
    result = 0.0f;
  else
    result = static_cast<float>(detail::expForFloat(z));
  return negate ? -result : result;
}

} // namespace vcc::math
