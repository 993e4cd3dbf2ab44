// The ops' transcendental functions: vcc::math's (deterministic, identical
// on every target; never libm, SPEC §4), named once here.
#pragma once

#include "vcc/config.hpp"
#include "vcc/math.hpp"

namespace vcc::ops::detail {

template <class T> VCC_HD inline T exponential(T x) {
  return vcc::math::exp(x);
}

// 1/sqrt(x), vcc::math::rsqrt: within an ulp, +inf at +0, NaN below 0.
template <class T> VCC_HD inline T reciprocalSquareRoot(T x) {
  return vcc::math::rsqrt(x);
}

} // namespace vcc::ops::detail
