// vcc::ops::gelu — element-wise activation (docs/ops.md):
//   y_i = vcc::math::gelu(x_i) = x_i·Φ(x_i), the exact (erf) form, NaN canonical.
// One parallel_for iteration per element; y may be x.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/common.hpp"
#include "vcc/ops/detail/math.hpp"

#include <cstddef>

namespace vcc::ops {

template <class T> void gelu(const T* x, T* y, size_t n) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "gelu: float or double");
  parallel_for(n,
               [=] VCC_KERNEL(size_t i) { y[i] = detail::canonicalizeNaN(vcc::math::gelu(x[i])); });
}

} // namespace vcc::ops
