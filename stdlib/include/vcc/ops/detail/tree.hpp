// The kernel API's reduction tree (vcc/kernel.hpp), computed sequentially by
// one thread. Row-wise ops (softmax, layernorm, rmsnorm) reduce each row
// inside one parallel_for iteration, where the host-side vcc::reduce_sum
// cannot be called (it is itself a parallel loop, and not device code), so
// they use this instead. Same leaves (kReduceLeaf consecutive elements, each
// folded left to right from its first element), same pairing (level by
// level, (0,1), (2,3), ..., an odd last one moving up unchanged): the result
// equals vcc::reduce_sum over the same values, bit for bit
// (tests/stdlib/ops check it against kernel.hpp).
//
// Level-by-level pairing with an odd last node moving up makes node i of
// level h cover leaves [i*2^h, (i+1)*2^h); combining completed equal-level
// subtrees as leaves arrive (a binary counter) and folding the remaining
// stack right to left at the end builds exactly that tree with O(log n)
// memory.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"

#include <cstddef>

namespace vcc::ops::detail {

// combine over value(0), ..., value(n-1) in the fixed tree; identity for n == 0.
template <class T, class Value, class Combine>
VCC_HD T treeReduce(size_t n, T identity, const Value& value, const Combine& combine) {
  if (n == 0) return identity;
  constexpr int kMaxLevels = 64; // one pending subtree per level at most
  T pending[kMaxLevels];
  int pendingLevel[kMaxLevels];
  int top = 0;
  for (size_t begin = 0; begin < n; begin += kReduceLeaf) {
    size_t end = n - begin > kReduceLeaf ? begin + kReduceLeaf : n;
    T node = value(begin);
    for (size_t i = begin + 1; i < end; ++i)
      node = combine(node, value(i));
    int level = 0;
    while (top > 0 && pendingLevel[top - 1] == level) {
      node = combine(pending[top - 1], node);
      --top;
      ++level;
    }
    pending[top] = node;
    pendingLevel[top] = level;
    ++top;
  }
  T result = pending[top - 1];
  for (int i = top - 2; i >= 0; --i)
    result = combine(pending[i], result);
  return result;
}

// value(0) + ... + value(n-1) in the fixed tree; +0 for n == 0.
template <class T, class Value> VCC_HD T treeSum(size_t n, const Value& value) {
  return treeReduce(n, T(0), value, [](T a, T b) { return a + b; });
}

} // namespace vcc::ops::detail
