// The kernel API (SPEC §2, §4): data-parallel loops and deterministic
// reductions, written once. Natively a backend (runtime-native: CUDA, a
// thread pool, serial) decides *where* iterations run; in the VM they run in
// order. Results never depend on the backend: iterations of a parallel_for
// are independent (each writes only its own outputs), and every reduction
// has one fixed tree shape, below, whatever the thread count, block size or
// GPU.
//
// Reduction tree: the input is cut into leaves of kReduceLeaf consecutive
// elements (the last leaf may be shorter); each leaf is folded left to right
// from its first element; leaf results are then combined pairwise in index
// order, level by level ((0,1), (2,3), ...; an odd last one moves up
// unchanged) until one value remains. The empty input gives the identity.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vcc/config.hpp"

namespace vcc {

inline constexpr size_t kReduceLeaf = 256;

struct Extent2 {
  size_t rows;
  size_t cols;
};

namespace detail {

// A native backend runs `count` independent tasks; task(context, i) does one.
// Installed by runtime-native; null means in order on the calling thread
// (the VM, or the serial backend).
struct TaskRunner {
  virtual void run(size_t count, void (*task)(void* context, size_t index), void* context) = 0;
  virtual size_t concurrency() const = 0;

protected:
  ~TaskRunner() = default;
};

#if !VCC_TARGET_GUEST
TaskRunner*& cpuTaskRunner();
#endif

// Chunks of at most this many iterations form one task on the CPU backends.
inline constexpr size_t kChunk = 1024;

template <class F> void runChunks(size_t n, F& body) {
#if !VCC_TARGET_GUEST
  if (TaskRunner* runner = cpuTaskRunner(); runner != nullptr && n > kChunk) {
    struct Context {
      F* body;
      size_t n;
    } context{&body, n};
    runner->run((n + kChunk - 1) / kChunk, [](void* c, size_t chunk) {
      auto* ctx = static_cast<Context*>(c);
      size_t end = (chunk + 1) * kChunk < ctx->n ? (chunk + 1) * kChunk : ctx->n;
      for (size_t i = chunk * kChunk; i < end; ++i) (*ctx->body)(i);
    }, &context);
    return;
  }
#endif
  for (size_t i = 0; i < n; ++i) body(i);
}

}  // namespace detail

// Runs f(i) for every i in [0, n).
template <class F> void parallel_for(size_t n, F f) { detail::runChunks(n, f); }

// Runs f(row, col) for every cell of the extent.
template <class F> void parallel_for(Extent2 extent, F f) {
  auto body = [&](size_t i) { f(i / extent.cols, i % extent.cols); };
  if (extent.cols != 0) detail::runChunks(extent.rows * extent.cols, body);
}

namespace detail {

// Folds leaves in parallel, then combines leaf results in the fixed tree.
template <class T, class Leaf, class Combine>
T reduceTree(size_t n, T identity, Leaf leaf, Combine combine) {
  if (n == 0) return identity;
  size_t leaves = (n + kReduceLeaf - 1) / kReduceLeaf;
  constexpr size_t kStackLeaves = 64;
  T stackPartial[kStackLeaves];
  T* partial = leaves <= kStackLeaves ? stackPartial : new T[leaves];
  parallel_for(leaves, [&](size_t l) {
    size_t begin = l * kReduceLeaf;
    size_t end = begin + kReduceLeaf < n ? begin + kReduceLeaf : n;
    partial[l] = leaf(begin, end);
  });
  for (size_t width = leaves; width > 1; width = (width + 1) / 2) {
    for (size_t i = 0; i < width / 2; ++i) partial[i] = combine(partial[2 * i], partial[2 * i + 1]);
    if (width % 2) partial[width / 2] = partial[width - 1];
  }
  T result = partial[0];
  if (partial != stackPartial) delete[] partial;
  return result;
}

}  // namespace detail

template <class T> T reduce_sum(const T* data, size_t n) {
  return detail::reduceTree(
      n, T(0),
      [data](size_t begin, size_t end) {
        T acc = data[begin];
        for (size_t i = begin + 1; i < end; ++i) acc = acc + data[i];
        return acc;
      },
      [](T a, T b) { return a + b; });
}

}  // namespace vcc
