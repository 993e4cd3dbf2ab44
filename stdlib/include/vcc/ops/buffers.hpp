// The ops on vcc::Buffer (vcc/buffer.hpp): each takes the buffers' views
// (device memory on the cuda backend, host memory elsewhere) and checks
// that every buffer holds at least what the shape needs; a smaller one is a
// program error (detail::contractViolation). Outputs are written through
// view(), inputs read through cview(), so no copy is made that the op does
// not need. docs/ops.md defines the ops.
#pragma once

#include "vcc/buffer.hpp"
#include "vcc/ops/activation.hpp"
#include "vcc/ops/conv2d.hpp"
#include "vcc/ops/detail/common.hpp"
#include "vcc/ops/matmul.hpp"
#include "vcc/ops/norm.hpp"
#include "vcc/ops/select.hpp"
#include "vcc/ops/softmax.hpp"

#include <cstddef>
#include <type_traits>

namespace vcc::ops {
namespace detail {

inline void requireElements(bool enough, const char* operation) {
  if (!enough) contractViolation(operation, "a buffer is smaller than the shape needs");
}

// An optional parameter buffer: null, or at least `count` elements.
template <class T>
const T* optionalView(const Buffer<T>* buffer, size_t count, const char* operation) {
  if (buffer == nullptr) return nullptr;
  requireElements(buffer->size() >= count, operation);
  return buffer->cview().data();
}

} // namespace detail

template <class In>
void matmul(const Buffer<In>& a, const Buffer<In>& b, Buffer<detail::MatmulOut<In>>& c, size_t m,
            size_t k, size_t n) {
  detail::requireElements(a.size() >= m * k && b.size() >= k * n && c.size() >= m * n, "matmul");
  matmul(a.cview().data(), b.cview().data(), c.view().data(), m, k, n);
}

template <class T> void softmax(const Buffer<T>& x, Buffer<T>& y, size_t rows, size_t cols) {
  detail::requireElements(x.size() >= rows * cols && y.size() >= rows * cols, "softmax");
  softmax(x.cview().data(), y.view().data(), rows, cols);
}

// gamma, beta: null or cols elements.
template <class T>
void layernorm(const Buffer<T>& x, const std::type_identity_t<Buffer<T>>* gamma,
               const std::type_identity_t<Buffer<T>>* beta, std::type_identity_t<T> eps,
               Buffer<T>& y, size_t rows, size_t cols) {
  detail::requireElements(x.size() >= rows * cols && y.size() >= rows * cols, "layernorm");
  const T* g = detail::optionalView(gamma, cols, "layernorm");
  const T* b = detail::optionalView(beta, cols, "layernorm");
  layernorm(x.cview().data(), g, b, eps, y.view().data(), rows, cols);
}

template <class T>
void rmsnorm(const Buffer<T>& x, const std::type_identity_t<Buffer<T>>* gamma,
             std::type_identity_t<T> eps, Buffer<T>& y, size_t rows, size_t cols) {
  detail::requireElements(x.size() >= rows * cols && y.size() >= rows * cols, "rmsnorm");
  const T* g = detail::optionalView(gamma, cols, "rmsnorm");
  rmsnorm(x.cview().data(), g, eps, y.view().data(), rows, cols);
}

// bias: null or outChannels elements.
template <class T>
void conv2d(const Buffer<T>& input, const Buffer<T>& weight,
            const std::type_identity_t<Buffer<T>>* bias, Buffer<T>& output,
            const Conv2dShape& shape) {
  detail::requireElements(input.size() >= shape.inputSize() &&
                              weight.size() >= shape.weightSize() &&
                              output.size() >= shape.outputSize(),
                          "conv2d");
  const T* b = detail::optionalView(bias, shape.outChannels, "conv2d");
  conv2d(input.cview().data(), weight.cview().data(), b, output.view().data(), shape);
}

template <class T> void gelu(const Buffer<T>& x, Buffer<T>& y) {
  detail::requireElements(y.size() >= x.size(), "gelu");
  gelu(x.cview().data(), y.view().data(), x.size());
}

template <class T>
void argmax_rows(const Buffer<T>& x, size_t rows, size_t cols, Buffer<size_t>& indices) {
  detail::requireElements(x.size() >= rows * cols && indices.size() >= rows, "argmax_rows");
  argmax_rows(x.cview().data(), rows, cols, indices.view().data());
}

template <class T>
void topk(const Buffer<T>& x, size_t rows, size_t cols, size_t k, Buffer<T>& values,
          Buffer<size_t>& indices) {
  detail::requireElements(
      x.size() >= rows * cols && values.size() >= rows * k && indices.size() >= rows * k, "topk");
  topk(x.cview().data(), rows, cols, k, values.view().data(), indices.view().data());
}

} // namespace vcc::ops
