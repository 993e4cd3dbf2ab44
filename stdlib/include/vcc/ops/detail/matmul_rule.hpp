// The per-element definition of vcc::ops::matmul (see ops/matmul.hpp and
// docs/ops.md), shared by every implementation of it.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/common.hpp"

#include <cstddef>
#include <cstdint>

namespace vcc::ops::detail {

// The per-element accumulation rule of each input type: Out is the result
// type, Acc the accumulator, step one term, finish the stored value.
template <class In> struct MatmulRule;

template <> struct MatmulRule<float> {
  using Out = float;
  using Acc = float;
  VCC_HD static Acc step(Acc acc, float a, float b) { return fusedMultiplyAdd(a, b, acc); }
  VCC_HD static Out finish(Acc acc) { return canonicalizeNaN(acc); }
};

template <> struct MatmulRule<double> {
  using Out = double;
  using Acc = double;
  VCC_HD static Acc step(Acc acc, double a, double b) { return fusedMultiplyAdd(a, b, acc); }
  VCC_HD static Out finish(Acc acc) { return canonicalizeNaN(acc); }
};

// Unsigned accumulators: wrap-around is defined behaviour, and the product of
// two int8 (int32) values always fits in int32 (int64).
template <> struct MatmulRule<int8_t> {
  using Out = int32_t;
  using Acc = uint32_t;
  VCC_HD static Acc step(Acc acc, int8_t a, int8_t b) {
    return acc + static_cast<uint32_t>(static_cast<int32_t>(a) * static_cast<int32_t>(b));
  }
  VCC_HD static Out finish(Acc acc) { return static_cast<int32_t>(acc); }
};

template <> struct MatmulRule<int32_t> {
  using Out = int64_t;
  using Acc = uint64_t;
  VCC_HD static Acc step(Acc acc, int32_t a, int32_t b) {
    return acc + static_cast<uint64_t>(static_cast<int64_t>(a) * static_cast<int64_t>(b));
  }
  VCC_HD static Out finish(Acc acc) { return static_cast<int64_t>(acc); }
};

template <class In> using MatmulOut = typename MatmulRule<In>::Out;

// One element of C by the definition above.
template <class In>
VCC_HD MatmulOut<In> matmulElement(const In* a, const In* b, size_t k, size_t n, size_t row,
                                   size_t col) {
  using Rule = MatmulRule<In>;
  typename Rule::Acc acc = 0;
  for (size_t p = 0; p < k; ++p)
    acc = Rule::step(acc, a[row * k + p], b[p * n + col]);
  return Rule::finish(acc);
}

// One parallel_for iteration per element of C: the guest's path (it runs in
// order there, and the plain loop is the fewest VM steps) and the
// definition the other paths are tested against.
template <class In>
void matmulByElement(const In* a, const In* b, MatmulOut<In>* c, size_t m, size_t k, size_t n) {
  parallel_for(Extent2{m, n}, [=] VCC_KERNEL(size_t row, size_t col) {
    c[row * n + col] = matmulElement(a, b, k, n, row, col);
  });
}

} // namespace vcc::ops::detail
