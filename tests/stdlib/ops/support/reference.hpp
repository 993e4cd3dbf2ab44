// Naive reference implementations of the ops, written from docs/ops.md
// alone (no code shared with stdlib/include/vcc/ops): plain loops in the
// documented order, the host's std::fma, and their own NaN canonicalization.
// Same documented order -> the ops must match these bit for bit.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace vcc::ops::reference {

template <class T> T canonical(T x) {
  return std::isnan(x) ? std::numeric_limits<T>::quiet_NaN() : x; // +qNaN, zero payload
}

// C[i][j] = fold over p ascending of acc = fma(A[i][p], B[p][j], acc), acc from +0.
template <class T>
std::vector<T> matmul(const std::vector<T>& a, const std::vector<T>& b, size_t m, size_t k,
                      size_t n) {
  std::vector<T> c(m * n);
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) {
      T acc = 0;
      for (size_t p = 0; p < k; ++p)
        acc = std::fma(a[i * k + p], b[p * n + j], acc);
      c[i * n + j] = canonical(acc);
    }
  return c;
}

// Exact integer sums, wrapped to the output width at the end (wrap-around
// sums do not depend on the order).
template <class In, class Out>
std::vector<Out> matmulInteger(const std::vector<In>& a, const std::vector<In>& b, size_t m,
                               size_t k, size_t n) {
  std::vector<Out> c(m * n);
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) {
      __int128 sum = 0;
      for (size_t p = 0; p < k; ++p)
        sum += static_cast<__int128>(a[i * k + p]) * b[p * n + j];
      c[i * n + j] = static_cast<Out>(
          static_cast<std::make_unsigned_t<Out>>(static_cast<unsigned __int128>(sum)));
    }
  return c;
}

// The kernel API's reduction tree, written level by level as kernel.hpp
// describes it: leaves of `leaf` elements folded left to right, then pairs
// (0,1), (2,3), ... combined until one value is left.
template <class T, class Combine>
T treeReduce(const std::vector<T>& values, size_t leaf, T identity, Combine combine) {
  if (values.empty()) return identity;
  std::vector<T> level;
  for (size_t begin = 0; begin < values.size(); begin += leaf) {
    T acc = values[begin];
    for (size_t i = begin + 1; i < values.size() && i < begin + leaf; ++i)
      acc = combine(acc, values[i]);
    level.push_back(acc);
  }
  while (level.size() > 1) {
    std::vector<T> next;
    for (size_t i = 0; i + 1 < level.size(); i += 2)
      next.push_back(combine(level[i], level[i + 1]));
    if (level.size() % 2) next.push_back(level.back());
    level.swap(next);
  }
  return level[0];
}

template <class T> T treeSum(const std::vector<T>& values, size_t leaf = 256) {
  return treeReduce(values, leaf, T(0), [](T x, T y) { return x + y; });
}

} // namespace vcc::ops::reference

namespace vcc::ops::reference {

// The ranking order of docs/ops.md (argmax, top-k, softmax's max): NaN above
// everything, then numbers by value with +0 above -0.
template <class T> int rankClass(T x) {
  return std::isnan(x) ? 1 : 0;
}
template <class T> bool greater(T a, T b) {
  if (rankClass(a) != rankClass(b)) return rankClass(a) > rankClass(b);
  if (std::isnan(a)) return false;
  if (a != b) return a > b;
  return !std::signbit(a) && std::signbit(b); // +0 above -0
}

template <class T> T rowMax(const T* x, size_t n) {
  T best = -std::numeric_limits<T>::infinity();
  for (size_t j = 0; j < n; ++j)
    if (greater(x[j], best)) best = x[j];
  return canonical(best);
}

// Exp comes in as a parameter: the op's definition uses vcc::math::exp, which
// is tested on its own.
template <class T, class Exp>
std::vector<T> softmax(const std::vector<T>& x, size_t rows, size_t cols, Exp exp) {
  std::vector<T> y(x.size());
  for (size_t r = 0; r < rows; ++r) {
    const T* row = x.data() + r * cols;
    T m = rowMax(row, cols);
    std::vector<T> e(cols);
    for (size_t j = 0; j < cols; ++j)
      e[j] = exp(row[j] - m);
    T s = treeSum(e);
    for (size_t j = 0; j < cols; ++j)
      y[r * cols + j] = canonical(e[j] / s);
  }
  return y;
}

// rsqrt comes in as a parameter, like exp above.
template <class T, class Rsqrt>
std::vector<T> layernorm(const std::vector<T>& x, const T* gamma, const T* beta, T eps, size_t rows,
                         size_t cols, Rsqrt rsqrt) {
  std::vector<T> y(x.size());
  for (size_t r = 0; r < rows; ++r) {
    std::vector<T> row(x.begin() + r * cols, x.begin() + (r + 1) * cols);
    T mean = treeSum(row) / T(cols);
    std::vector<T> squares(cols);
    for (size_t j = 0; j < cols; ++j)
      squares[j] = (row[j] - mean) * (row[j] - mean);
    T rstd = rsqrt(treeSum(squares) / T(cols) + eps);
    for (size_t j = 0; j < cols; ++j) {
      T t = (row[j] - mean) * rstd;
      T out = gamma && beta ? std::fma(t, gamma[j], beta[j])
              : gamma       ? t * gamma[j]
              : beta        ? t + beta[j]
                            : t;
      y[r * cols + j] = canonical(out);
    }
  }
  return y;
}

template <class T, class Rsqrt>
std::vector<T> rmsnorm(const std::vector<T>& x, const T* gamma, T eps, size_t rows, size_t cols,
                       Rsqrt rsqrt) {
  std::vector<T> y(x.size());
  for (size_t r = 0; r < rows; ++r) {
    std::vector<T> squares(cols);
    for (size_t j = 0; j < cols; ++j)
      squares[j] = x[r * cols + j] * x[r * cols + j];
    T scale = rsqrt(treeSum(squares) / T(cols) + eps);
    for (size_t j = 0; j < cols; ++j) {
      T out = x[r * cols + j] * scale;
      if (gamma) out = out * gamma[j];
      y[r * cols + j] = canonical(out);
    }
  }
  return y;
}

struct ConvParams {
  size_t batch, channels, height, width, filters, kernelH, kernelW, strideH, strideW, padH, padW,
      dilationH, dilationW;
};

// Pads the input with explicit zeros first, then slides over it.
template <class T>
std::vector<T> conv2d(const std::vector<T>& input, const std::vector<T>& weight, const T* bias,
                      const ConvParams& c, size_t& outH, size_t& outW) {
  size_t paddedH = c.height + 2 * c.padH, paddedW = c.width + 2 * c.padW;
  size_t spanH = c.dilationH * (c.kernelH - 1) + 1, spanW = c.dilationW * (c.kernelW - 1) + 1;
  outH = paddedH >= spanH ? (paddedH - spanH) / c.strideH + 1 : 0;
  outW = paddedW >= spanW ? (paddedW - spanW) / c.strideW + 1 : 0;
  std::vector<T> padded(c.batch * c.channels * paddedH * paddedW, T(0));
  for (size_t n = 0; n < c.batch; ++n)
    for (size_t ch = 0; ch < c.channels; ++ch)
      for (size_t h = 0; h < c.height; ++h)
        for (size_t w = 0; w < c.width; ++w)
          padded[((n * c.channels + ch) * paddedH + h + c.padH) * paddedW + w + c.padW] =
              input[((n * c.channels + ch) * c.height + h) * c.width + w];
  std::vector<T> out(c.batch * c.filters * outH * outW);
  for (size_t n = 0; n < c.batch; ++n)
    for (size_t f = 0; f < c.filters; ++f)
      for (size_t p = 0; p < outH; ++p)
        for (size_t q = 0; q < outW; ++q) {
          T acc = 0;
          for (size_t ch = 0; ch < c.channels; ++ch)
            for (size_t r = 0; r < c.kernelH; ++r)
              for (size_t s = 0; s < c.kernelW; ++s)
                acc = std::fma(
                    padded[((n * c.channels + ch) * paddedH + p * c.strideH + r * c.dilationH) *
                               paddedW +
                           q * c.strideW + s * c.dilationW],
                    weight[((f * c.channels + ch) * c.kernelH + r) * c.kernelW + s], acc);
          if (bias) acc = acc + bias[f];
          out[((n * c.filters + f) * outH + p) * outW + q] = canonical(acc);
        }
  return out;
}

// Sorts each row's indices by (value in the order above, then index) and
// keeps the first k.
template <class T>
void topk(const std::vector<T>& x, size_t rows, size_t cols, size_t k, std::vector<T>& values,
          std::vector<size_t>& indices);

} // namespace vcc::ops::reference

#include <algorithm>
#include <numeric>

template <class T>
void vcc::ops::reference::topk(const std::vector<T>& x, size_t rows, size_t cols, size_t k,
                               std::vector<T>& values, std::vector<size_t>& indices) {
  values.assign(rows * k, -std::numeric_limits<T>::infinity());
  indices.assign(rows * k, cols);
  for (size_t r = 0; r < rows; ++r) {
    std::vector<size_t> order(cols);
    std::iota(order.begin(), order.end(), size_t{0});
    const T* row = x.data() + r * cols;
    std::sort(order.begin(), order.end(), [row](size_t a, size_t b) {
      if (greater(row[a], row[b])) return true;
      if (greater(row[b], row[a])) return false;
      return a < b;
    });
    for (size_t i = 0; i < k && i < cols; ++i) {
      values[r * k + i] = canonical(row[order[i]]);
      indices[r * k + i] = order[i];
    }
  }
}
