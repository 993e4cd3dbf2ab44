// vcc::ops::softmax — row-wise softmax of a rows×cols matrix (docs/ops.md).
//
// For each row x (n = cols elements), independently:
//   m   = the row's maximum in vcc::reduce_max's order (NaN > +inf > ... >
//         +0 > -0 > ... > -inf)
//   e_j = exp(x_j - m)                  (vcc::math::exp; one rounding for -)
//   s   = e_0 + ... + e_{n-1}           in the kernel API's fixed reduction
//                                       tree (leaves of 256, then pairs)
//   y_j = e_j / s                       (correctly rounded division)
// Every NaN stored is the canonical one. Consequently a row that contains a
// NaN or +inf, or only -inf, is NaN throughout (as in PyTorch).
//
// One iteration per row (detail::forEachRow; the row's three passes run in order
// inside it): rows are the parallelism, on the GPU too.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/common.hpp"
#include "vcc/ops/detail/math.hpp"
#include "vcc/ops/detail/tree.hpp"

#include <cstddef>

namespace vcc::ops {
namespace detail {

template <class T> VCC_HD void softmaxRow(const T* x, T* y, size_t n) {
  T m = treeReduce(
      n, vcc::detail::lowestForMax<T>(), [x](size_t j) { return x[j]; },
      [](T a, T b) { return greaterForMax(b, a) ? b : a; });
  m = canonicalizeNaN(m);
  for (size_t j = 0; j < n; ++j)
    y[j] = exponential<T>(x[j] - m); // y may be x
  T s = treeSum<T>(n, [y](size_t j) { return y[j]; });
  for (size_t j = 0; j < n; ++j)
    y[j] = canonicalizeNaN(divide(y[j], s));
}

} // namespace detail

// y = softmax of each row of x (rows×cols, row-major). y may be x.
template <class T> void softmax(const T* x, T* y, size_t rows, size_t cols) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "softmax: float or double");
  if (cols == 0) return;
  detail::forEachRow(rows, 3 * cols, [=] VCC_KERNEL(size_t row) {
    detail::softmaxRow(x + row * cols, y + row * cols, cols);
  });
}

} // namespace vcc::ops
