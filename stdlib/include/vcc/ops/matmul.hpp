// vcc::ops::matmul — C = A·B for row-major matrices, A m×k, B k×n, C m×n
// (docs/ops.md).
//
// Definition, for every output element C[i,j] independently:
//
//   float, double:  acc = +0; for p = 0, 1, ..., k-1 (ascending):
//                     acc = fma(A[i,p], B[p,j], acc)      (one rounding)
//                   C[i,j] = acc, a NaN stored as the canonical NaN
//   int8  -> int32: acc = sum of int32(A[i,p]) * int32(B[p,j]), modulo 2^32
//   int32 -> int64: acc = sum of int64(A[i,p]) * int64(B[p,j]), modulo 2^64
//                   (two's-complement wrap-around; integer sums do not
//                   depend on order)
//
// Every implementation below (the guest's plain loop, the CPU's packed and
// register-tiled kernel, the CUDA kernel) computes each element with exactly
// this sequence of operations, so the results are bit-identical on every
// backend. Nothing is split along k: no split-K, no atomics, no library GEMM.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/matmul_rule.hpp"

#include <cstddef>
#include <cstdint>

#if !VCC_TARGET_GUEST
#include "vcc/ops/matmul_cpu.hpp"
#endif
#if defined(__CUDACC__)
#include "vcc/ops/matmul_cuda.cuh"
#endif

namespace vcc::ops {

// C = A·B (see the top of this file). a: m×k, b: k×n, c: m×n, row-major and
// contiguous; c must not overlap a or b. In: float, double, int8_t (C is
// int32_t) or int32_t (C is int64_t). The operands are where kernels read
// them (vcc/kernel.hpp): device memory (a Buffer's view) on the cuda
// backend, in code compiled by nvcc; host memory otherwise.
template <class In>
void matmul(const In* a, const In* b, detail::MatmulOut<In>* c, size_t m, size_t k, size_t n) {
  if (m == 0 || n == 0) return;
#if VCC_TARGET_GUEST
  detail::matmulByElement(a, b, c, m, k, n);
#else
#if defined(__CUDACC__)
  if (vcc::detail::cudaBackendInstalled() && vcc::detail::installedBackend->isDevicePointer(c)) {
    return detail::matmulCuda(a, b, c, m, k, n);
  }
#else
  vcc::detail::rejectDevicePointer(c, "matmul");
#endif
  detail::matmulCpu(a, b, c, m, k, n);
#endif
}

} // namespace vcc::ops
