// vcc::ops::conv2d — 2-D convolution (cross-correlation, as in PyTorch) in
// NCHW layout (docs/ops.md).
//
//   input  [batch][inChannels][height][width]
//   weight [outChannels][inChannels][kernelHeight][kernelWidth]
//   bias   [outChannels] or null
//   output [batch][outChannels][outHeight][outWidth]
//   outHeight = (height + 2·padHeight − dilationHeight·(kernelHeight − 1) − 1) / strideHeight + 1
//   (likewise outWidth; no output when the padded input is smaller than
//   the dilated kernel)
//
// Every output element independently:
//   acc = +0
//   for c ascending, then r ascending, then s ascending:
//     h = p·strideHeight − padHeight + r·dilationHeight
//     w = q·strideWidth  − padWidth  + s·dilationWidth
//     v = input[n][c][h][w], or +0 where (h, w) lies in the padding
//     acc = fma(v, weight[k][c][r][s], acc)          (one rounding)
//   output[n][k][p][q] = acc + bias[k]   (acc without bias), NaN canonical
// Padding takes part as a real zero operand (so 0 × inf gives NaN there
// too): the result is that of the convolution of the zero-padded input.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/common.hpp"

#include <cstddef>
#include <type_traits>

namespace vcc::ops {

struct Conv2dShape {
  size_t batch = 1;
  size_t inChannels = 1, height = 1, width = 1;
  size_t outChannels = 1, kernelHeight = 1, kernelWidth = 1;
  size_t strideHeight = 1, strideWidth = 1;
  size_t padHeight = 0, padWidth = 0;
  size_t dilationHeight = 1, dilationWidth = 1;

  VCC_HD size_t outHeight() const {
    return outExtent(height, padHeight, dilationHeight, kernelHeight, strideHeight);
  }
  VCC_HD size_t outWidth() const {
    return outExtent(width, padWidth, dilationWidth, kernelWidth, strideWidth);
  }
  VCC_HD size_t inputSize() const { return batch * inChannels * height * width; }
  VCC_HD size_t weightSize() const { return outChannels * inChannels * kernelHeight * kernelWidth; }
  VCC_HD size_t outputSize() const { return batch * outChannels * outHeight() * outWidth(); }

  VCC_HD static size_t outExtent(size_t in, size_t pad, size_t dilation, size_t kernel,
                                 size_t stride) {
    size_t padded = in + 2 * pad, span = dilation * (kernel - 1) + 1;
    if (kernel == 0 || stride == 0 || padded < span) return 0;
    return (padded - span) / stride + 1;
  }
};

namespace detail {

template <class T>
VCC_HD T conv2dElement(const T* input, const T* weight, const T* bias, const Conv2dShape& s,
                       size_t n, size_t k, size_t p, size_t q) {
  T acc = T(0);
  for (size_t c = 0; c < s.inChannels; ++c) {
    const T* plane = input + (n * s.inChannels + c) * s.height * s.width;
    const T* kernel = weight + (k * s.inChannels + c) * s.kernelHeight * s.kernelWidth;
    for (size_t r = 0; r < s.kernelHeight; ++r) {
      // h and w are computed without going negative: padded coordinates.
      size_t hPadded = p * s.strideHeight + r * s.dilationHeight;
      bool rowInside = hPadded >= s.padHeight && hPadded - s.padHeight < s.height;
      for (size_t t = 0; t < s.kernelWidth; ++t) {
        size_t wPadded = q * s.strideWidth + t * s.dilationWidth;
        bool inside = rowInside && wPadded >= s.padWidth && wPadded - s.padWidth < s.width;
        T v = inside ? plane[(hPadded - s.padHeight) * s.width + (wPadded - s.padWidth)] : T(0);
        acc = fusedMultiplyAdd(v, kernel[r * s.kernelWidth + t], acc);
      }
    }
  }
  if (bias != nullptr) acc = acc + bias[k];
  return canonicalizeNaN(acc);
}

} // namespace detail

// output = conv2d(input, weight) + bias (see the top of this file); bias
// may be null. output must not overlap the inputs.
template <class T>
void conv2d(const T* input, const T* weight, const std::type_identity_t<T>* bias, T* output,
            const Conv2dShape& shape) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8, "conv2d: float or double");
  const size_t outHeight = shape.outHeight(), outWidth = shape.outWidth();
  const size_t planes = shape.batch * shape.outChannels, plane = outHeight * outWidth;
  if (planes == 0 || plane == 0) return;
  // Iteration (n·K + k, p·Q + q): one output element each.
  parallel_for(Extent2{planes, plane}, [=] VCC_KERNEL(size_t nk, size_t pq) {
    output[nk * plane + pq] =
        detail::conv2dElement(input, weight, bias, shape, nk / shape.outChannels,
                              nk % shape.outChannels, pq / outWidth, pq % outWidth);
  });
}

} // namespace vcc::ops
