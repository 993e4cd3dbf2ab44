// vcc::ops::argmax_rows and topk — selection by value (docs/ops.md).
//
// The order is vcc::reduce_max's (vcc/kernel.hpp): NaN > +inf > ... > +0 >
// -0 > ... > -inf, so every NaN ranks above every number (like numpy's and
// PyTorch's argmax) and +0 ranks above -0; elements that are equal under it
// (two NaNs, two equal numbers) rank by index, lower first. That makes the
// ranking a strict total order: the result does not depend on the
// algorithm or the schedule.
//
//   argmax_rows: for each row, the index of its first greatest element
//                (vcc::argmax of the row; 0 for an empty row).
//   topk:        for each row, its k highest-ranked elements, best first:
//                values[row][i] (NaNs canonical) and indices[row][i].
//                Where k > cols, entries from cols on are padding: index
//                cols, value -inf.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"
#include "vcc/ops/detail/common.hpp"

#include <cstddef>

namespace vcc::ops {
namespace detail {

// Does (a, ia) rank before (b, ib)?
template <class T> VCC_HD inline bool ranksBefore(T a, size_t ia, T b, size_t ib) {
  if (greaterForMax(a, b)) return true;
  if (greaterForMax(b, a)) return false;
  return ia < ib;
}

template <class T> VCC_HD size_t argmaxRow(const T* x, size_t n) {
  size_t best = 0;
  for (size_t j = 1; j < n; ++j)
    if (greaterForMax(x[j], x[best])) best = j;
  return best;
}

// A binary heap in (values, indices)[0, size) whose root ranks last.
template <class T> VCC_HD void siftDown(T* values, size_t* indices, size_t size, size_t at) {
  for (;;) {
    size_t child = 2 * at + 1;
    if (child >= size) return;
    if (child + 1 < size &&
        ranksBefore(values[child], indices[child], values[child + 1], indices[child + 1]))
      ++child; // the child that ranks later
    if (!ranksBefore(values[at], indices[at], values[child], indices[child])) return;
    T value = values[at];
    values[at] = values[child];
    values[child] = value;
    size_t index = indices[at];
    indices[at] = indices[child];
    indices[child] = index;
    at = child;
  }
}

template <class T> VCC_HD void topkRow(const T* x, size_t n, size_t k, T* values, size_t* indices) {
  size_t kept = k < n ? k : n;
  if (kept > 0) {
    for (size_t j = 0; j < kept; ++j)
      values[j] = x[j], indices[j] = j;
    for (size_t i = kept / 2; i-- > 0;)
      siftDown(values, indices, kept, i);
    for (size_t j = kept; j < n; ++j) {
      if (ranksBefore(x[j], j, values[0], indices[0])) {
        values[0] = x[j];
        indices[0] = j;
        siftDown(values, indices, kept, 0);
      }
    }
    // Heap sort: the last-ranked goes to the end each time -> best first.
    for (size_t size = kept; size > 1; --size) {
      T value = values[0];
      values[0] = values[size - 1];
      values[size - 1] = value;
      size_t index = indices[0];
      indices[0] = indices[size - 1];
      indices[size - 1] = index;
      siftDown(values, indices, size - 1, 0);
    }
    for (size_t j = 0; j < kept; ++j)
      values[j] = canonicalizeNaN(values[j]);
  }
  for (size_t j = kept; j < k; ++j)
    values[j] = vcc::detail::lowestForMax<T>(), indices[j] = n;
}

} // namespace detail

// indices[row] = the first index of the greatest element of row `row` of
// x (rows×cols, row-major).
template <class T> void argmax_rows(const T* x, size_t rows, size_t cols, size_t* indices) {
  detail::forEachRow(rows, cols, [=] VCC_KERNEL(size_t row) {
    indices[row] = detail::argmaxRow(x + row * cols, cols);
  });
}

// The k highest-ranked elements of each row of x (rows×cols), best first:
// values and indices are rows×k.
template <class T>
void topk(const T* x, size_t rows, size_t cols, size_t k, T* values, size_t* indices) {
  if (k == 0) return;
  detail::forEachRow(rows, cols, [=] VCC_KERNEL(size_t row) {
    detail::topkRow(x + row * cols, cols, k, values + row * k, indices + row * k);
  });
}

} // namespace vcc::ops
