// vcc::ops::layernorm and rmsnorm — row-wise normalization of a rows×cols
// matrix (docs/ops.md). For each row x (n = cols elements, N = n converted
// to T, exact for n < 2^24 in float), independently; every sum is in the
// kernel API's fixed reduction tree (leaves of 256, then pairs), so equals
// vcc::reduce_sum of the listed values:
//
// layernorm (two-pass):
//   mean = sum(x_j) / N
//   d_j  = x_j - mean
//   var  = sum(d_j * d_j) / N           (each square rounded, then summed)
//   rstd = rsqrt(var + eps)             (vcc::math::rsqrt)
//   t_j  = d_j * rstd
//   y_j  = fma(t_j, gamma_j, beta_j)    with gamma and beta
//          t_j * gamma_j                gamma only
//          t_j + beta_j                 beta only
//          t_j                          neither
//
// rmsnorm:
//   ms   = sum(x_j * x_j) / N
//   r    = rsqrt(ms + eps)
//   y_j  = (x_j * r) * gamma_j          (x_j * r without gamma)
//
// gamma and beta have cols elements, shared by all rows; null means absent.
// Every NaN stored is the canonical one. One iteration per row
// (detail::forEachRow).
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/common.hpp"
#include "vcc/ops/detail/math.hpp"
#include "vcc/ops/detail/tree.hpp"

#include <cstddef>
#include <type_traits>

namespace vcc::ops {
namespace detail {

template <class T>
VCC_HD void layernormRow(const T* x, const T* gamma, const T* beta, T eps, T* y, size_t n) {
  const T count = static_cast<T>(n);
  T mean = divide(treeSum<T>(n, [x](size_t j) { return x[j]; }), count);
  T var = divide(treeSum<T>(n,
                            [x, mean](size_t j) {
                              T d = x[j] - mean;
                              return d * d;
                            }),
                 count);
  T rstd = reciprocalSquareRoot(var + eps);
  for (size_t j = 0; j < n; ++j) { // y may be x: x[j] is read before y[j] is written
    T t = (x[j] - mean) * rstd;
    T out;
    if (gamma != nullptr && beta != nullptr)
      out = fusedMultiplyAdd(t, gamma[j], beta[j]);
    else if (gamma != nullptr)
      out = t * gamma[j];
    else if (beta != nullptr)
      out = t + beta[j];
    else
      out = t;
    y[j] = canonicalizeNaN(out);
  }
}

template <class T> VCC_HD void rmsnormRow(const T* x, const T* gamma, T eps, T* y, size_t n) {
  T ms = divide(treeSum<T>(n, [x](size_t j) { return x[j] * x[j]; }), static_cast<T>(n));
  T r = reciprocalSquareRoot(ms + eps);
  for (size_t j = 0; j < n; ++j) {
    T out = x[j] * r;
    if (gamma != nullptr) out = out * gamma[j];
    y[j] = canonicalizeNaN(out);
  }
}

} // namespace detail

// Layer normalization of each row of x (rows×cols, row-major) into y; y may
// be x. gamma, beta: cols elements or null.
template <class T>
void layernorm(const T* x, const std::type_identity_t<T>* gamma,
               const std::type_identity_t<T>* beta, std::type_identity_t<T> eps, T* y, size_t rows,
               size_t cols) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "layernorm: float or double");
  if (cols == 0) return;
  detail::forEachRow(rows, 3 * cols, [=] VCC_KERNEL(size_t row) {
    detail::layernormRow(x + row * cols, gamma, beta, eps, y + row * cols, cols);
  });
}

// RMS normalization of each row of x into y; y may be x. gamma: cols
// elements or null.
template <class T>
void rmsnorm(const T* x, const std::type_identity_t<T>* gamma, std::type_identity_t<T> eps, T* y,
             size_t rows, size_t cols) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "rmsnorm: float or double");
  if (cols == 0) return;
  detail::forEachRow(rows, 2 * cols, [=] VCC_KERNEL(size_t row) {
    detail::rmsnormRow(x + row * cols, gamma, eps, y + row * cols, cols);
  });
}

} // namespace vcc::ops
