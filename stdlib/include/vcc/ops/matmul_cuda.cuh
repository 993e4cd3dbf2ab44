// The CUDA path of vcc::ops::matmul, compiled only by nvcc (the cuda
// variant of a dual program) and used when the cuda backend is installed
// and the operands are device memory (a Buffer's view).
//
// Classic shared-memory tiling: a block of 256 threads computes a 128×128
// tile of C (64×64 for 8-byte types), each thread 8×8 (4×4) of its
// elements, strided by 16 so that a warp's shared-memory reads and its
// stores to C are contiguous, held in registers; k is walked in steps of kTileK through shared
// memory, in ascending order, and each thread applies acc = fma(A[i,p], B[p,j], acc)
// (__fmaf_rn / __fma_rn via MatmulRule) to its own elements for p = 0, 1,
// ..., k-1 — exactly matmulElement's sequence. Out-of-range rows and
// columns of a tile are loaded as zero and never stored; the k loop stops
// at k (a padded fma(0, 0, acc) could turn a -0 accumulator into +0). No
// split-K, no atomics, no tensor cores (TF32/FP16 would change the
// rounding).
#pragma once

#if defined(__CUDACC__)

#include "vcc/ops/detail/common.hpp"
#include "vcc/ops/detail/matmul_rule.hpp"

#include <cstddef>
#include <cstdint>

namespace vcc::ops::detail {

template <class In> struct CudaMatmulShape {
  static constexpr int kThreadRows = 8, kThreadCols = 8; // outputs per thread
  static constexpr int kTileK = 8;
};
template <> struct CudaMatmulShape<double> {
  static constexpr int kThreadRows = 4, kThreadCols = 4;
  static constexpr int kTileK = 8;
};
template <> struct CudaMatmulShape<int32_t> {
  static constexpr int kThreadRows = 4, kThreadCols = 4;
  static constexpr int kTileK = 8;
};

inline constexpr int kCudaMatmulThreadsX = 16, kCudaMatmulThreadsY = 16; // 256 per block

template <class In>
__global__ void __launch_bounds__(kCudaMatmulThreadsX* kCudaMatmulThreadsY)
    matmulTiledKernel(const In* __restrict__ a, const In* __restrict__ b,
                      MatmulOut<In>* __restrict__ c, size_t m, size_t k, size_t n) {
  using Rule = MatmulRule<In>;
  using Acc = typename Rule::Acc;
  constexpr int kTM = CudaMatmulShape<In>::kThreadRows, kTN = CudaMatmulShape<In>::kThreadCols;
  constexpr int kTK = CudaMatmulShape<In>::kTileK;
  constexpr int kTileRows = kCudaMatmulThreadsY * kTM, kTileCols = kCudaMatmulThreadsX * kTN;
  constexpr int kThreads = kCudaMatmulThreadsX * kCudaMatmulThreadsY;
  // A's tile transposed (a row's values are read by a whole half-warp at
  // once: a broadcast), padded so that the transposing stores spread over
  // the banks.
  __shared__ In tileA[kTK][kTileRows + 4];
  __shared__ In tileB[kTK][kTileCols];

  const int tx = threadIdx.x, ty = threadIdx.y, thread = ty * kCudaMatmulThreadsX + tx;
  const size_t columnBlock = size_t{blockIdx.x} * kTileCols;
  for (size_t rowBlock = size_t{blockIdx.y} * kTileRows; rowBlock < m;
       rowBlock += size_t{gridDim.y} * kTileRows) {
    Acc acc[kTM][kTN];
#pragma unroll
    for (int i = 0; i < kTM; ++i)
#pragma unroll
      for (int j = 0; j < kTN; ++j)
        acc[i][j] = Acc(0);

    for (size_t k0 = 0; k0 < k; k0 += kTK) {
      // Load A[rowBlock.., k0..] and B[k0.., columnBlock..]; zero outside.
      for (int e = thread; e < kTileRows * kTK; e += kThreads) {
        int r = e / kTK, p = e % kTK;
        size_t row = rowBlock + r, kk = k0 + p;
        tileA[p][r] = row < m && kk < k ? a[row * k + kk] : In(0);
      }
      for (int e = thread; e < kTK * kTileCols; e += kThreads) {
        int p = e / kTileCols, j = e % kTileCols;
        size_t kk = k0 + p, column = columnBlock + j;
        tileB[p][j] = kk < k && column < n ? b[kk * n + column] : In(0);
      }
      __syncthreads();
      const int steps = k - k0 < size_t(kTK) ? int(k - k0) : kTK;
      if (steps == kTK) {
#pragma unroll
        for (int p = 0; p < kTK; ++p) {
          In aRegister[kTM], bRegister[kTN];
#pragma unroll
          for (int i = 0; i < kTM; ++i)
            aRegister[i] = tileA[p][ty + i * kCudaMatmulThreadsY];
#pragma unroll
          for (int j = 0; j < kTN; ++j)
            bRegister[j] = tileB[p][tx + j * kCudaMatmulThreadsX];
#pragma unroll
          for (int i = 0; i < kTM; ++i)
#pragma unroll
            for (int j = 0; j < kTN; ++j)
              acc[i][j] = Rule::step(acc[i][j], aRegister[i], bRegister[j]);
        }
      } else {
        for (int p = 0; p < steps; ++p) {
#pragma unroll
          for (int i = 0; i < kTM; ++i)
#pragma unroll
            for (int j = 0; j < kTN; ++j)
              acc[i][j] = Rule::step(acc[i][j], tileA[p][ty + i * kCudaMatmulThreadsY],
                                     tileB[p][tx + j * kCudaMatmulThreadsX]);
        }
      }
      __syncthreads();
    }

#pragma unroll
    for (int i = 0; i < kTM; ++i) {
      size_t row = rowBlock + ty + i * kCudaMatmulThreadsY;
      if (row >= m) continue;
#pragma unroll
      for (int j = 0; j < kTN; ++j) {
        size_t column = columnBlock + tx + j * kCudaMatmulThreadsX;
        if (column < n) c[row * n + column] = Rule::finish(acc[i][j]);
      }
    }
  }
}

template <class In>
void matmulCuda(const In* a, const In* b, MatmulOut<In>* c, size_t m, size_t k, size_t n) {
  constexpr size_t kTileRows = kCudaMatmulThreadsY * CudaMatmulShape<In>::kThreadRows;
  constexpr size_t kTileCols = kCudaMatmulThreadsX * CudaMatmulShape<In>::kThreadCols;
  size_t columnBlocks = (n + kTileCols - 1) / kTileCols;
  size_t rowBlocks = (m + kTileRows - 1) / kTileRows;
  if (columnBlocks > 0x7fffffff)
    vcc::detail::installedBackend->fail("matmul", "matrix too wide for the grid");
  dim3 grid(static_cast<unsigned>(columnBlocks),
            static_cast<unsigned>(rowBlocks < 65535 ? rowBlocks : 65535));
  matmulTiledKernel<In><<<grid, dim3(kCudaMatmulThreadsX, kCudaMatmulThreadsY)>>>(a, b, c, m, k, n);
  vcc::detail::checkCudaLaunch("matmul");
}

} // namespace vcc::ops::detail

#endif // __CUDACC__
