// The CPU path of vcc::ops::matmul (serial and threads backends): a single
// row of A reads B in place (matmulCpuRow); otherwise B is packed
// into column panels, C computed in register tiles of MR×NR elements, each
// tile one parallel_for iteration. A tile keeps one accumulator per element
// and walks p = 0..k-1 in order, so every element gets exactly the
// operations of matmulElement (matmul.hpp): tiling changes which elements
// are computed together, never the order within one.
//
// On x86-64 with AVX2 and FMA the same tile code is also compiled for those
// instructions and chosen at run time; fma is exact, so both give the same
// bits (the portable build calls the C library's fma instead).
#pragma once

#include "vcc/ops/detail/common.hpp"
#include "vcc/ops/detail/matmul_rule.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define VCC_OPS_X86_DISPATCH 1
#else
#define VCC_OPS_X86_DISPATCH 0
#endif

namespace vcc::ops::detail {

// Register tile shapes: kRows × kCols accumulators. AVX2 has 16 ymm
// registers (6×2 accumulators, one B row, one broadcast), AVX-512 32 zmm;
// the portable shape suits SSE2's 16 xmm registers.
template <class In> inline constexpr int kLanesPerYmm = 32 / int(sizeof(MatmulOut<In>));
struct TileShape {
  int rows, cols;
};
template <class In> inline constexpr TileShape kPortableTile{4, 8};
template <class In> inline constexpr TileShape kAvx2Tile{6, 2 * kLanesPerYmm<In>};
template <class In> inline constexpr TileShape kAvx512Tile{6, 4 * kLanesPerYmm<In>};

// Which slice of k one pass covers, and whether the accumulators start
// from zero (first pass) or from C, and end as stored values (last pass) or
// as raw accumulators in C for the next pass. Storing and reloading an
// accumulator is exact (same width; integers wrap), so passes split the
// work, not the arithmetic.
struct KSlice {
  size_t begin, end;
  bool first, last;
};

template <class Rule>
VCC_HD inline typename Rule::Acc loadAccumulator(const typename Rule::Out& stored) {
  return static_cast<typename Rule::Acc>(stored);
}

template <class Rule>
VCC_HD inline typename Rule::Out storeAccumulator(typename Rule::Acc acc, bool last) {
  return last ? Rule::finish(acc) : static_cast<typename Rule::Out>(acc);
}

// Rows [0, kRows) × columns [0, cols) of one tile, k slice `slice`.
// aPanel holds the tile's rows of A packed column by column (k×kRows,
// zero past the matrix's last row), bPanel the tile's columns of B row by
// row (k×kCols, zero past the last column): both are read in order, and
// rows of a matrix whose length is a multiple of 4 KiB no longer fall into
// the same cache sets.
// clang's vector extension, not in translation units that nvcc compiles
// (its front end does not take it; there the scalar form below is used).
#if defined(__clang__) && !defined(__CUDACC__) && __has_builtin(__builtin_elementwise_fma) &&      \
    __has_builtin(__builtin_convertvector)
#define VCC_OPS_VECTOR_TILE 1
#else
#define VCC_OPS_VECTOR_TILE 0
#endif

template <class In, int kRows, int kCols>
[[gnu::always_inline]] inline void matmulTile(const In* aPanel, const In* bPanel, MatmulOut<In>* c,
                                              size_t n, size_t rows, size_t cols, KSlice slice) {
  using Rule = MatmulRule<In>;
  using Acc = typename Rule::Acc;
#if VCC_OPS_VECTOR_TILE
  // One accumulator vector per tile row, written with clang's vector
  // extension so that the tile lives in SIMD registers whatever the
  // optimizer's mood (-O3's loop vectorizer otherwise picks gathers and
  // scatters on a stack array for the integer types). The arithmetic per
  // lane is exactly Rule::step: fma for floating point, a wrapped multiply
  // and add for integers.
  typedef Acc AccRow __attribute__((ext_vector_type(kCols)));
  typedef In InRow __attribute__((ext_vector_type(kCols)));
  AccRow acc[kRows];
  for (int r = 0; r < kRows; ++r)
    acc[r] = AccRow(Acc(0));
  if (!slice.first) {
    for (int r = 0; r < kRows; ++r)
      for (int j = 0; j < kCols; ++j)
        if (size_t(r) < rows && size_t(j) < cols) acc[r][j] = loadAccumulator<Rule>(c[r * n + j]);
  }
  for (size_t p = slice.begin; p < slice.end; ++p) {
    InRow bRow;
    __builtin_memcpy(&bRow, bPanel + p * kCols, sizeof bRow);
    const In* aColumn = aPanel + p * kRows;
    if constexpr (std::is_floating_point_v<In>) {
      for (int r = 0; r < kRows; ++r)
        acc[r] = __builtin_elementwise_fma(AccRow(aColumn[r]), bRow, acc[r]);
    } else {
      // Sign-extend, then multiply and add modulo 2^bits (unsigned lanes).
      typedef std::make_signed_t<Acc> Wide;
      typedef Wide WideRow __attribute__((ext_vector_type(kCols)));
      AccRow b = __builtin_convertvector(__builtin_convertvector(bRow, WideRow), AccRow);
      for (int r = 0; r < kRows; ++r)
        acc[r] += AccRow(static_cast<Acc>(static_cast<Wide>(aColumn[r]))) * b;
    }
  }
#else
  Acc acc[kRows][kCols] = {};
  if (!slice.first) {
    for (int r = 0; r < kRows; ++r)
      for (int j = 0; j < kCols; ++j)
        if (size_t(r) < rows && size_t(j) < cols) acc[r][j] = loadAccumulator<Rule>(c[r * n + j]);
  }
  for (size_t p = slice.begin; p < slice.end; ++p) {
    const In* aColumn = aPanel + p * kRows;
    const In* bRow = bPanel + p * kCols;
    for (int r = 0; r < kRows; ++r)
      for (int j = 0; j < kCols; ++j)
        acc[r][j] = Rule::step(acc[r][j], aColumn[r], bRow[j]);
  }
#endif
  for (int r = 0; r < kRows; ++r)
    for (int j = 0; j < kCols; ++j)
      if (size_t(r) < rows && size_t(j) < cols)
        c[r * n + j] = storeAccumulator<Rule>(acc[r][j], slice.last);
}

template <class In, int kRows, int kCols>
void matmulTilePortable(const In* aPanel, const In* bPanel, MatmulOut<In>* c, size_t n, size_t rows,
                        size_t cols, KSlice slice) {
  matmulTile<In, kRows, kCols>(aPanel, bPanel, c, n, rows, cols, slice);
}

#if VCC_OPS_X86_DISPATCH
template <class In, int kRows, int kCols>
[[gnu::target("avx2,fma")]] void matmulTileAvx2(const In* aPanel, const In* bPanel,
                                                MatmulOut<In>* c, size_t n, size_t rows,
                                                size_t cols, KSlice slice) {
  matmulTile<In, kRows, kCols>(aPanel, bPanel, c, n, rows, cols, slice);
}

template <class In, int kRows, int kCols>
[[gnu::target("avx512f,avx512bw,avx512dq,avx512vl,fma")]] void
matmulTileAvx512(const In* aPanel, const In* bPanel, MatmulOut<In>* c, size_t n, size_t rows,
                 size_t cols, KSlice slice) {
  matmulTile<In, kRows, kCols>(aPanel, bPanel, c, n, rows, cols, slice);
}

inline bool cpuHasAvx2Fma() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}

inline bool cpuHasAvx512() {
  static const bool has = cpuHasAvx2Fma() && __builtin_cpu_supports("avx512f") &&
                          __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  return has;
}
#endif

// One row of A times B (m == 1: a decoder's step for one token). B is read
// in place, kCols columns of one row of B at a time, instead of being
// packed into panels first, which for one row costs as much as the product.
// Each element still gets acc = fma(A[0,p], B[p,j], acc) for p ascending
// from +0 (wrapped multiply-adds for integers): the bits of matmulElement.
template <class In, int kCols>
[[gnu::always_inline]] inline void matmulRowBlock(const In* a, const In* b, MatmulOut<In>* c, size_t k,
                                                  size_t n) {
  using Rule = MatmulRule<In>;
  using Acc = typename Rule::Acc;
#if VCC_OPS_VECTOR_TILE
  typedef Acc AccRow __attribute__((ext_vector_type(kCols)));
  typedef In InRow __attribute__((ext_vector_type(kCols)));
  AccRow acc = AccRow(Acc(0));
  for (size_t p = 0; p < k; ++p) {
    InRow bRow;
    __builtin_memcpy(&bRow, b + p * n, sizeof bRow);
    if constexpr (std::is_floating_point_v<In>) {
      acc = __builtin_elementwise_fma(AccRow(a[p]), bRow, acc);
    } else {
      typedef std::make_signed_t<Acc> Wide;
      typedef Wide WideRow __attribute__((ext_vector_type(kCols)));
      acc += AccRow(static_cast<Acc>(static_cast<Wide>(a[p]))) *
             __builtin_convertvector(__builtin_convertvector(bRow, WideRow), AccRow);
    }
  }
  for (int j = 0; j < kCols; ++j)
    c[j] = Rule::finish(acc[j]);
#else
  Acc acc[kCols] = {};
  for (size_t p = 0; p < k; ++p)
    for (int j = 0; j < kCols; ++j)
      acc[j] = Rule::step(acc[j], a[p], b[p * n + j]);
  for (int j = 0; j < kCols; ++j)
    c[j] = Rule::finish(acc[j]);
#endif
}

// Blocks [begin, end) of kCols columns, compiled for each instruction set
// as the tiles are.
template <class In, int kCols>
[[gnu::always_inline]] inline void matmulRowBlocks(const In* a, const In* b, MatmulOut<In>* c, size_t k,
                                                   size_t n, size_t begin, size_t end) {
  for (size_t block = begin; block < end; ++block)
    matmulRowBlock<In, kCols>(a, b + block * kCols, c + block * kCols, k, n);
}

template <class In, int kCols>
using RowBlocksFunction = void (*)(const In*, const In*, MatmulOut<In>*, size_t, size_t, size_t, size_t);

template <class In, int kCols>
void matmulRowBlocksPortable(const In* a, const In* b, MatmulOut<In>* c, size_t k, size_t n, size_t begin,
                             size_t end) {
  matmulRowBlocks<In, kCols>(a, b, c, k, n, begin, end);
}

#if VCC_OPS_X86_DISPATCH
template <class In, int kCols>
[[gnu::target("avx2,fma")]] void matmulRowBlocksAvx2(const In* a, const In* b, MatmulOut<In>* c, size_t k,
                                                     size_t n, size_t begin, size_t end) {
  matmulRowBlocks<In, kCols>(a, b, c, k, n, begin, end);
}

template <class In, int kCols>
[[gnu::target("avx512f,avx512bw,avx512dq,avx512vl,fma")]] void
matmulRowBlocksAvx512(const In* a, const In* b, MatmulOut<In>* c, size_t k, size_t n, size_t begin,
                      size_t end) {
  matmulRowBlocks<In, kCols>(a, b, c, k, n, begin, end);
}
#endif

// A task of the row product does at least this many multiply-adds: a
// token's products (k and n of a few hundred) stay on one thread, where the
// pool's hand-off would cost more than it saves.
inline constexpr size_t kRowTaskMultiplyAdds = size_t{1} << 17;

template <class In, int kCols>
void matmulCpuRow(const In* a, const In* b, MatmulOut<In>* c, size_t k, size_t n,
                  RowBlocksFunction<In, kCols> blocks) {
  const size_t fullBlocks = n / kCols;
  const size_t perBlock = (k == 0 ? 1 : k) * size_t(kCols);
  const size_t blocksPerTask = perBlock >= kRowTaskMultiplyAdds ? 1 : kRowTaskMultiplyAdds / perBlock;
  cpuRanges(fullBlocks, blocksPerTask, [=](size_t begin, size_t end) { blocks(a, b, c, k, n, begin, end); });
  for (size_t column = fullBlocks * kCols; column < n; ++column)
    c[column] = matmulElement(a, b, k, n, 0, column);
}

// k is walked in slices of kSliceLength, one parallel pass each, so that a
// pass's slice of a B panel (kSliceLength × kCols) stays in L1 while the
// tiles below it stream through, and its slice of A (m × kSliceLength) in L2.
inline constexpr size_t kSliceLength = 256;
// Smallest tasks worth a thread: a tile is kRows·kCols·kSliceLength
// multiply-adds; packing copies one row of a panel per iteration.
inline constexpr size_t kTilesPerTask = 4;
inline constexpr size_t kPackRowsPerTask = 4096;

template <class In, int kRows, int kCols>
using TileFunction = void (*)(const In*, const In*, MatmulOut<In>*, size_t, size_t, size_t, KSlice);

template <class In, int kRows, int kCols>
void matmulCpuTiled(const In* a, const In* b, MatmulOut<In>* c, size_t m, size_t k, size_t n,
                    TileFunction<In, kRows, kCols> tile) {
  const size_t panels = (n + kCols - 1) / kCols;
  const size_t rowTiles = (m + kRows - 1) / kRows;

  // packedA[(rowTile * k + p) * kRows + r] = A[rowTile * kRows + r, p], or 0;
  // packedB[(panel * k + p) * kCols + j] = B[p, panel * kCols + j], or 0.
  std::unique_ptr<In[]> packedAStorage(new In[rowTiles * k * kRows]);
  std::unique_ptr<In[]> packedBStorage(new In[panels * k * kCols]);
  In* packedA = packedAStorage.get();
  In* packedB = packedBStorage.get();
  cpuRanges(rowTiles * k, kPackRowsPerTask, [=](size_t begin, size_t end) {
    for (size_t index = begin; index < end; ++index) {
      size_t rowTile = index / k, p = index % k;
      size_t row = rowTile * kRows;
      In* out = packedA + index * kRows;
      for (int r = 0; r < kRows; ++r)
        out[r] = row + r < m ? a[(row + r) * k + p] : In(0);
    }
  });
  cpuRanges(panels * k, kPackRowsPerTask, [=](size_t begin, size_t end) {
    for (size_t index = begin; index < end; ++index) {
      size_t panel = index / k, p = index % k;
      size_t column = panel * kCols;
      In* out = packedB + index * kCols;
      for (int j = 0; j < kCols; ++j)
        out[j] = column + j < n ? b[p * n + column + j] : In(0);
    }
  });

  size_t sliceBegin = 0;
  do { // at least one pass, so that k == 0 still stores zeros
    KSlice slice{sliceBegin, k - sliceBegin > kSliceLength ? sliceBegin + kSliceLength : k,
                 sliceBegin == 0, false};
    slice.last = slice.end == k;
    // Consecutive tiles share a B panel and walk down the rows of A; each
    // task takes a contiguous range of tiles.
    cpuRanges(panels * rowTiles, kTilesPerTask, [=](size_t begin, size_t end) {
      for (size_t index = begin; index < end; ++index) {
        size_t panel = index / rowTiles, rowTile = index % rowTiles;
        size_t row = rowTile * kRows, column = panel * kCols;
        size_t rows = m - row < size_t(kRows) ? m - row : size_t(kRows);
        size_t cols = n - column < size_t(kCols) ? n - column : size_t(kCols);
        tile(packedA + rowTile * k * kRows, packedB + panel * k * kCols, c + row * n + column, n,
             rows, cols, slice);
      }
    });
    sliceBegin = slice.end;
  } while (sliceBegin < k);
}

// The widest register tile this CPU runs (the bits are the same for all).
template <class In>
void matmulCpu(const In* a, const In* b, MatmulOut<In>* c, size_t m, size_t k, size_t n) {
#if VCC_OPS_X86_DISPATCH
  constexpr TileShape kWide = kAvx512Tile<In>, kMedium = kAvx2Tile<In>;
  if (m == 1 && cpuHasAvx512())
    return matmulCpuRow<In, kWide.cols>(a, b, c, k, n, &matmulRowBlocksAvx512<In, kWide.cols>);
  if (m == 1 && cpuHasAvx2Fma())
    return matmulCpuRow<In, kMedium.cols>(a, b, c, k, n, &matmulRowBlocksAvx2<In, kMedium.cols>);
  if (cpuHasAvx512())
    return matmulCpuTiled<In, kWide.rows, kWide.cols>(
        a, b, c, m, k, n, &matmulTileAvx512<In, kWide.rows, kWide.cols>);
  if (cpuHasAvx2Fma())
    return matmulCpuTiled<In, kMedium.rows, kMedium.cols>(
        a, b, c, m, k, n, &matmulTileAvx2<In, kMedium.rows, kMedium.cols>);
#endif
  constexpr TileShape kNarrow = kPortableTile<In>;
  if (m == 1)
    return matmulCpuRow<In, kNarrow.cols>(a, b, c, k, n, &matmulRowBlocksPortable<In, kNarrow.cols>);
  matmulCpuTiled<In, kNarrow.rows, kNarrow.cols>(
      a, b, c, m, k, n, &matmulTilePortable<In, kNarrow.rows, kNarrow.cols>);
}

} // namespace vcc::ops::detail
