// The kernel API (SPEC §2, §4): data-parallel loops and deterministic
// reductions, written once. Natively a backend (runtime-native: CUDA, a
// thread pool, serial) decides *where* iterations run; in the VM they run in
// order. Results never depend on the backend: iterations of a parallel_for
// are independent (each writes only its own outputs), and every reduction
// has one fixed tree shape, below, whatever the thread count, block size or
// GPU. docs/kernels.md is the guide; vcc/buffer.hpp holds the memory that
// kernels share across backends.
//
// Reduction tree: the input is cut into leaves of kReduceLeaf consecutive
// elements (the last leaf may be shorter); each leaf is folded left to right
// from its first element; leaf results are then combined pairwise in index
// order, level by level ((0,1), (2,3), ...; an odd last one moves up
// unchanged) until one value remains. The empty input gives the identity.
//
//   reduce_sum   leaf: x[b] + x[b+1] + ... (left to right); combine: a + b.
//                Empty: +0. A NaN result is returned as the canonical quiet
//                NaN (0x7fc00000 / 0x7ff8000000000000), whatever its payload.
//   reduce_max   the maximum under the order NaN > +inf > ... > +0 > -0 >
//                ... > -inf: any NaN gives the canonical NaN, max(-0, +0) is
//                +0. Empty: -inf (integers: the type's lowest value).
//   argmax       the first index of the maximum under the same order (so
//                x[argmax(x)] == reduce_max(x), NaNs aside): the first NaN if
//                there is one; +0 beats an earlier -0. Empty: 0.
//   dot          leaf: p = a[b]*b[b], then p = fma(a[i], b[i], p) left to
//                right (explicit fused multiply-add, one rounding each);
//                combine: +. Empty: +0. NaN results are canonical.
//   reduce       the general form: leaf acc = map(b), then
//                acc = combine(acc, map(i)); combine as above. No NaN
//                canonicalization (the caller's combine decides).
//
// Kernels: `vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { ... });` and
// `vcc::parallel_for(vcc::Extent2{rows, cols}, [=] VCC_KERNEL(size_t r, size_t c) { ... });`.
// A kernel captures by value: scalars and vcc::View<T> (from a Buffer),
// never host pointers or references, since on CUDA its body runs on the GPU.
// Nested parallel_for inside a kernel is not supported (on the CPU it runs
// in order; on CUDA it does not compile).
#pragma once

#include "vcc/config.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <type_traits>

#if defined(__CUDACC__)
#include <cuda_runtime.h>
#endif

namespace vcc {

inline constexpr size_t kReduceLeaf = 256;

struct Extent2 {
  size_t rows;
  size_t cols;
};

namespace detail {

// ---------------------------------------------------------------------------
// The backend interface. runtime-native implements it (serial, threads,
// cuda) and installs one; nothing installed (the VM, or a host program that
// links no runtime) means every loop runs in order on the calling thread.
// The kernel API is called from one host thread at a time.

enum class BackendKind : uint8_t { serial, threads, cuda };

using TaskFunction = void (*)(void* context, size_t task);

class Backend {
public:
  virtual ~Backend() = default;

  virtual BackendKind kind() const = 0;
  virtual const char* name() const = 0;

  // CPU work: how many tasks may run at once, and running task(context, t)
  // for every t in [0, count), returning when all are done. Which thread
  // runs which task does not affect results (tasks are independent).
  virtual size_t concurrency() const = 0;
  virtual void runTasks(size_t count, TaskFunction task, void* context) = 0;

  // Memory for kernels when it is not host memory (CUDA): Buffer keeps a
  // device copy and moves data only when the other side needs it.
  virtual bool hasDeviceMemory() const { return false; }
  virtual void* deviceAllocate(size_t /*bytes*/) { return nullptr; }
  virtual void deviceFree(void* /*pointer*/) {}
  virtual void copyToDevice(void* /*device*/, const void* /*host*/, size_t /*bytes*/) {}
  virtual void copyToHost(void* /*host*/, const void* /*device*/, size_t /*bytes*/) {}
  virtual bool isDevicePointer(const void* /*pointer*/) const { return false; }
  // Device memory for reduction partials, reused by the next reduction.
  virtual void* deviceScratch(size_t /*bytes*/) { return nullptr; }
  // Waits for every kernel launched so far.
  virtual void synchronize() {}

  // A failure of the backend itself (a CUDA error): reports and ends the
  // process (docs/kernels.md, exit codes).
  [[noreturn]] virtual void fail(const char* operation, const char* message) = 0;
};

#if !VCC_TARGET_GUEST
// The installed backend (runtime-native's vcc::native::ScopedBackend sets it).
inline Backend* installedBackend = nullptr;
#endif
}  // namespace detail
}  // namespace vcc

#if !VCC_TARGET_GUEST
// The counted stack of this thread (the IR plugin's vcc-stack-budget pass;
// the native runtime defines it too, for services that never include this
// header). A task on another thread continues the count of the thread that
// started the loop, as it would in the VM, where the loop runs in place.
extern "C" {
inline thread_local uint64_t __vcc_stack_used = 0;
}
#endif

namespace vcc {
namespace detail {

// CPU tasks are at least this many loop iterations, or reduction leaves:
// below that, waking another thread costs more than it saves.
inline constexpr size_t kMinIterationsPerTask = 1024;
inline constexpr size_t kMinLeavesPerTask = 8;

// Runs body(begin, end) over [0, n) cut into contiguous ranges, one per
// task (static chunking: task t of T gets [t*n/T, (t+1)*n/T)).
template <class Body> void runRanges(size_t n, size_t minPerTask, Body& body) {
#if !VCC_TARGET_GUEST
  Backend* backend = installedBackend;
  size_t workers = backend != nullptr ? backend->concurrency() : 1;
  if (workers > 1 && n > minPerTask) {
    size_t tasks = (n + minPerTask - 1) / minPerTask;
    tasks = tasks < workers ? tasks : workers;
    struct Context {
      Body* body;
      size_t n;
      size_t tasks;
      uint64_t stackUsed;
    } context{&body, n, tasks, __vcc_stack_used};
    backend->runTasks(
        tasks,
        [](void* opaque, size_t task) {
          auto* c = static_cast<Context*>(opaque);
          size_t per = c->n / c->tasks, extra = c->n % c->tasks;
          size_t begin = task * per + (task < extra ? task : extra);
          size_t end = begin + per + (task < extra ? 1 : 0);
          uint64_t own = __vcc_stack_used;
          __vcc_stack_used = c->stackUsed;
          (*c->body)(begin, end);
          __vcc_stack_used = own;
        },
        &context);
    return;
  }
#else
  (void)minPerTask;
#endif
  if (n != 0) body(size_t{0}, n);
}

#if !VCC_TARGET_GUEST
// Host code that was not compiled by nvcc cannot touch device memory: a
// reduction given a device pointer there is a program error, reported
// instead of crashing.
inline void rejectDevicePointer(const void* pointer, const char* operation) {
  Backend* backend = installedBackend;
  if (backend != nullptr && backend->hasDeviceMemory() && backend->isDevicePointer(pointer))
    backend->fail(operation, "device data reached code that was not compiled by nvcc "
                             "(compile every kernel source as CUDA; docs/kernels.md)");
}
#endif

// ---------------------------------------------------------------------------
// Exact floating-point helpers usable on the host, the GPU and the guest.

template <class T> VCC_HD inline T canonicalNaN() {
  if constexpr (std::is_same_v<T, float>)
    return __builtin_bit_cast(float, uint32_t{0x7fc00000u});
  else
    return __builtin_bit_cast(double, uint64_t{0x7ff8000000000000u});
}

// NaNs leave reductions with one bit pattern: x86, RISC-V soft-float and
// CUDA disagree on the payload of a NaN they produce.
template <class T> VCC_HD inline T canonicalizeNaN(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    if (value != value) return canonicalNaN<T>();
  }
  return value;
}

template <class T> VCC_HD inline T fusedMultiplyAdd(T a, T b, T c) {
  if constexpr (std::is_same_v<T, float>) {
#if defined(__CUDA_ARCH__)
    return __fmaf_rn(a, b, c);
#else
    return std::fma(a, b, c);
#endif
  } else if constexpr (std::is_same_v<T, double>) {
#if defined(__CUDA_ARCH__)
    return __fma_rn(a, b, c);
#else
    return std::fma(a, b, c);
#endif
  } else {
    return a * b + c;
  }
}

template <class T> VCC_HD inline bool signBit(T value) {
  if constexpr (std::is_same_v<T, float>)
    return (__builtin_bit_cast(uint32_t, value) >> 31) != 0;
  else
    return (__builtin_bit_cast(uint64_t, value) >> 63) != 0;
}

// The order of reduce_max and argmax: is `candidate` greater than `current`?
// NaN is the greatest, +0 is greater than -0, otherwise the usual <.
template <class T> VCC_HD inline bool greaterForMax(T candidate, T current) {
  if (current != current) return false;  // a NaN is never beaten
  if (candidate != candidate) return true;
  if (current < candidate) return true;
  if constexpr (std::is_floating_point_v<T>) {
    if (candidate == 0 && current == 0) return signBit(current) && !signBit(candidate);
  }
  return false;
}

// -inf, or an integer type's lowest value (std::numeric_limits is host-only
// for nvcc without --expt-relaxed-constexpr).
template <class T> VCC_HD inline T lowestForMax() {
  if constexpr (std::is_same_v<T, float>)
    return __builtin_bit_cast(float, uint32_t{0xff800000u});
  else if constexpr (std::is_same_v<T, double>)
    return __builtin_bit_cast(double, uint64_t{0xfff0000000000000u});
  else if constexpr (std::is_signed_v<T>)
    return static_cast<T>(T(1) << (8 * sizeof(T) - 1));
  else
    return T(0);
}

// ---------------------------------------------------------------------------
// Leaves: a leaf's fold is written once as first(i) (the value of its first
// element) and next(acc, i) (one more element), so the single-leaf fold
// below, the CPU's interleaved fold and the GPU kernel run the same steps.
// Plain function objects, so that nvcc compiles them for the device without
// extended lambdas.

template <class Leaf> VCC_HD inline auto foldLeaf(const Leaf& leaf, size_t begin, size_t end) {
  auto acc = leaf.first(begin);
  for (size_t i = begin + 1; i < end; ++i)
    acc = leaf.next(acc, i);
  return acc;
}

template <class T> struct SumLeaf {
  const T* data;
  VCC_HD T first(size_t i) const { return data[i]; }
  VCC_HD T next(T acc, size_t i) const { return acc + data[i]; }
};

template <class T> struct Plus {
  VCC_HD T operator()(T a, T b) const { return a + b; }
};

template <class T> struct MaxLeaf {
  const T* data;
  VCC_HD T first(size_t i) const { return data[i]; }
  VCC_HD T next(T acc, size_t i) const { return greaterForMax(data[i], acc) ? data[i] : acc; }
};

template <class T> struct Max {
  VCC_HD T operator()(T a, T b) const { return greaterForMax(b, a) ? b : a; }
};

template <class T> struct IndexedValue {
  T value;
  size_t index;
};

template <class T> struct ArgmaxLeaf {
  const T* data;
  VCC_HD IndexedValue<T> first(size_t i) const { return IndexedValue<T>{data[i], i}; }
  VCC_HD IndexedValue<T> next(IndexedValue<T> acc, size_t i) const {
    return greaterForMax(data[i], acc.value) ? IndexedValue<T>{data[i], i} : acc;
  }
};

// `a` always covers lower indices than `b`, so a tie keeps the first index.
template <class T> struct Argmax {
  VCC_HD IndexedValue<T> operator()(IndexedValue<T> a, IndexedValue<T> b) const {
    return greaterForMax(b.value, a.value) ? b : a;
  }
};

template <class T> struct DotLeaf {
  const T* a;
  const T* b;
  VCC_HD T first(size_t i) const { return a[i] * b[i]; }
  VCC_HD T next(T acc, size_t i) const { return fusedMultiplyAdd(a[i], b[i], acc); }
};

template <class T, class Map, class Combine> struct MapLeaf {
  Map map;
  Combine combine;
  VCC_HD T first(size_t i) const { return map(i); }
  VCC_HD T next(T acc, size_t i) const { return combine(acc, map(i)); }
};

// ---------------------------------------------------------------------------
// The tree on the CPU (serial, threads, the VM): leaves in parallel tasks,
// then the levels in order on the calling thread.

// Folds kInterleave consecutive full leaves in lockstep: each leaf still
// sees its own elements in order (the same operations as foldLeaf), but the
// independent chains overlap in the pipeline instead of waiting on one
// another's latency.
inline constexpr size_t kInterleave = 8;

// Always inlined, so that foldLeavesFma below compiles its own copy with
// the FMA instructions.
template <class T, class Leaf>
__attribute__((always_inline)) inline void foldFullLeaves(const Leaf& leaf, size_t begin, T* out) {
  T acc[kInterleave];
  for (size_t k = 0; k < kInterleave; ++k)
    acc[k] = leaf.first(begin + k * kReduceLeaf);
  for (size_t i = 1; i < kReduceLeaf; ++i)
    for (size_t k = 0; k < kInterleave; ++k)
      acc[k] = leaf.next(acc[k], begin + k * kReduceLeaf + i);
  for (size_t k = 0; k < kInterleave; ++k)
    out[k] = acc[k];
}

// Leaves [first, last) of an input of n elements into partial[first, last).
template <class T, class Leaf>
void foldLeavesPortable(const Leaf& leaf, size_t n, size_t first, size_t last, T* partial) {
  size_t fullLeaves = n / kReduceLeaf;
  size_t l = first;
  for (; l + kInterleave <= last && l + kInterleave <= fullLeaves; l += kInterleave)
    foldFullLeaves<T>(leaf, l * kReduceLeaf, partial + l);
  for (; l < last; ++l) {
    size_t begin = l * kReduceLeaf;
    partial[l] = foldLeaf(leaf, begin, n - begin > kReduceLeaf ? begin + kReduceLeaf : n);
  }
}

#if defined(__x86_64__) && !defined(__CUDA_ARCH__) && (defined(__clang__) || defined(__GNUC__))
#define VCC_KERNEL_FMA_CLONE 1
// The same fold compiled with the FMA instructions enabled, for CPUs that
// have them: x86-64's baseline has no fma instruction, so std::fma is a
// library call there. Both compute the exactly rounded fma, and nothing
// else changes (no contraction, no reassociation: SPEC §4's flags hold), so
// the bits are the same; only the speed differs.
template <class T, class Leaf>
__attribute__((target("fma"), flatten)) void foldLeavesFma(const Leaf& leaf, size_t n, size_t first,
                                                           size_t last, T* partial) {
  foldLeavesPortable<T>(leaf, n, first, last, partial);
}

inline bool cpuHasFma() {
  static const bool hasFma = __builtin_cpu_supports("fma");
  return hasFma;
}
#else
#define VCC_KERNEL_FMA_CLONE 0
#endif

template <class T, class Leaf>
void foldLeaves(const Leaf& leaf, size_t n, size_t first, size_t last, T* partial) {
#if VCC_KERNEL_FMA_CLONE
  if (cpuHasFma()) return foldLeavesFma<T>(leaf, n, first, last, partial);
#endif
  foldLeavesPortable<T>(leaf, n, first, last, partial);
}

template <class T, class Leaf, class Combine>
T cpuReduceTree(size_t n, T identity, const Leaf& leaf, const Combine& combine) {
  if (n == 0) return identity;
  size_t leaves = (n + kReduceLeaf - 1) / kReduceLeaf;
  constexpr size_t kStackLeaves = 64;
  T stackPartial[kStackLeaves];
  std::unique_ptr<T[]> heapPartial;
  T* partial = stackPartial;
  if (leaves > kStackLeaves) {
    heapPartial.reset(new T[leaves]);
    partial = heapPartial.get();
  }
  auto fold = [&](size_t first, size_t last) { foldLeaves<T>(leaf, n, first, last, partial); };
  runRanges(leaves, kMinLeavesPerTask, fold);
  for (size_t width = leaves; width > 1; width = (width + 1) / 2) {
    for (size_t i = 0; i < width / 2; ++i)
      partial[i] = combine(partial[2 * i], partial[2 * i + 1]);
    if (width % 2) partial[width / 2] = partial[width - 1];
  }
  return partial[0];
}

#if defined(__CUDACC__)
// ---------------------------------------------------------------------------
// CUDA: compiled only in translation units that nvcc compiles (the NAME-cuda
// variant of a dual program); kernels run there when the cuda backend is
// installed.

inline bool cudaBackendInstalled() {
  Backend* backend = installedBackend;
  return backend != nullptr && backend->kind() == BackendKind::cuda;
}

inline void checkCudaLaunch(const char* operation) {
  cudaError_t error = cudaGetLastError();
  if (error != cudaSuccess) installedBackend->fail(operation, cudaGetErrorString(error));
}

inline constexpr unsigned kCudaBlock = 256;
inline constexpr size_t kCudaMaxBlocks = size_t{1} << 20;  // then grid-stride loops

inline unsigned cudaBlocksFor(size_t n) {
  size_t blocks = (n + kCudaBlock - 1) / kCudaBlock;
  return static_cast<unsigned>(blocks < kCudaMaxBlocks ? blocks : kCudaMaxBlocks);
}

template <class F> __global__ void parallelFor1D(size_t n, F f) {
  size_t stride = size_t{gridDim.x} * blockDim.x;
  for (size_t i = size_t{blockIdx.x} * blockDim.x + threadIdx.x; i < n; i += stride)
    f(i);
}

template <class F> __global__ void parallelFor2D(size_t rows, size_t cols, F f) {
  size_t rowStride = size_t{gridDim.y} * blockDim.y;
  size_t colStride = size_t{gridDim.x} * blockDim.x;
  for (size_t r = size_t{blockIdx.y} * blockDim.y + threadIdx.y; r < rows; r += rowStride)
    for (size_t c = size_t{blockIdx.x} * blockDim.x + threadIdx.x; c < cols; c += colStride)
      f(r, c);
}

template <class F> void cudaParallelFor(size_t n, const F& f) {
  if (n == 0) return;
  parallelFor1D<<<cudaBlocksFor(n), kCudaBlock>>>(n, f);
  checkCudaLaunch("parallel_for");
}

template <class F> void cudaParallelFor(Extent2 extent, const F& f) {
  if (extent.rows == 0 || extent.cols == 0) return;
  constexpr unsigned kX = 32, kY = 8;
  size_t gridX = (extent.cols + kX - 1) / kX, gridY = (extent.rows + kY - 1) / kY;
  dim3 grid(static_cast<unsigned>(gridX < kCudaMaxBlocks ? gridX : kCudaMaxBlocks),
            static_cast<unsigned>(gridY < 65535 ? gridY : 65535));
  parallelFor2D<<<grid, dim3(kX, kY)>>>(extent.rows, extent.cols, f);
  checkCudaLaunch("parallel_for");
}

template <class T, class Leaf>
__global__ void reduceLeavesKernel(size_t n, size_t leaves, Leaf leaf, T* partial) {
  size_t stride = size_t{gridDim.x} * blockDim.x;
  for (size_t l = size_t{blockIdx.x} * blockDim.x + threadIdx.x; l < leaves; l += stride) {
    size_t begin = l * kReduceLeaf;
    size_t end = n - begin > kReduceLeaf ? begin + kReduceLeaf : n;
    partial[l] = foldLeaf(leaf, begin, end);
  }
}

// One level of the tree across the grid: to[i] = combine(from[2i], from[2i+1]).
template <class T, class Combine>
__global__ void combineLevelKernel(size_t width, Combine combine, const T* from, T* to) {
  size_t stride = size_t{gridDim.x} * blockDim.x;
  for (size_t i = size_t{blockIdx.x} * blockDim.x + threadIdx.x; i < (width + 1) / 2; i += stride)
    to[i] = 2 * i + 1 < width ? combine(from[2 * i], from[2 * i + 1]) : from[2 * i];
}

// The remaining levels in one block; the result ends in *result.
template <class T, class Combine>
__global__ void combineLevelsInBlockKernel(size_t width, Combine combine, T* from, T* to,
                                           T* result) {
  while (width > 1) {
    for (size_t i = threadIdx.x; i < (width + 1) / 2; i += blockDim.x)
      to[i] = 2 * i + 1 < width ? combine(from[2 * i], from[2 * i + 1]) : from[2 * i];
    __syncthreads();
    T* swap = from;
    from = to;
    to = swap;
    width = (width + 1) / 2;
  }
  if (threadIdx.x == 0) *result = from[0];
}

template <class T, class Leaf, class Combine>
T cudaReduceTree(size_t n, T identity, const Leaf& leaf, const Combine& combine) {
  if (n == 0) return identity;
  Backend* backend = installedBackend;
  size_t leaves = (n + kReduceLeaf - 1) / kReduceLeaf;
  size_t half = (leaves + 1) / 2;
  auto* scratch = static_cast<T*>(backend->deviceScratch((leaves + half + 1) * sizeof(T)));
  T* from = scratch;
  T* to = scratch + leaves;
  T* result = scratch + leaves + half;
  reduceLeavesKernel<T><<<cudaBlocksFor(leaves), kCudaBlock>>>(n, leaves, leaf, from);
  checkCudaLaunch("reduction");
  constexpr size_t kInBlock = 4096;  // widths above this use the whole grid
  size_t width = leaves;
  while (width > kInBlock) {
    combineLevelKernel<T><<<cudaBlocksFor((width + 1) / 2), kCudaBlock>>>(width, combine, from, to);
    checkCudaLaunch("reduction");
    T* swap = from;
    from = to;
    to = swap;
    width = (width + 1) / 2;
  }
  combineLevelsInBlockKernel<T><<<1, kCudaBlock>>>(width, combine, from, to, result);
  checkCudaLaunch("reduction");
  T value;
  backend->copyToHost(&value, result, sizeof(T));
  return value;
}
#endif  // __CUDACC__

// The named reductions run where their data is: on the GPU when it is
// device memory and this code was compiled by nvcc, else on the CPU.
template <class T, class Leaf, class Combine>
T reduceTreeAt(const void* data, const void* other, size_t n, T identity, const Leaf& leaf,
               const Combine& combine, const char* operation) {
  if (n == 0) return identity;
#if defined(__CUDACC__)
  if (cudaBackendInstalled()) {
    bool onDevice = installedBackend->isDevicePointer(data);
    if (other != nullptr && installedBackend->isDevicePointer(other) != onDevice)
      installedBackend->fail(operation, "one operand is in device memory and the other is not");
    if (onDevice) return cudaReduceTree(n, identity, leaf, combine);
  }
#elif !VCC_TARGET_GUEST
  rejectDevicePointer(data, operation);
  if (other != nullptr) rejectDevicePointer(other, operation);
#else
  (void)data, (void)other, (void)operation;
#endif
  return cpuReduceTree(n, identity, leaf, combine);
}

}  // namespace detail

// ---------------------------------------------------------------------------
// parallel_for

// Runs f(i) for every i in [0, n), in any order and concurrently.
template <class F> void parallel_for(size_t n, F f) {
#if defined(__CUDACC__)
  if (detail::cudaBackendInstalled()) return detail::cudaParallelFor(n, f);
#endif
  auto body = [&f](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
      f(i);
  };
  detail::runRanges(n, detail::kMinIterationsPerTask, body);
}

// Runs f(row, col) for every cell of the extent, in any order and concurrently.
template <class F> void parallel_for(Extent2 extent, F f) {
  if (extent.rows == 0 || extent.cols == 0) return;
#if defined(__CUDACC__)
  if (detail::cudaBackendInstalled()) return detail::cudaParallelFor(extent, f);
#endif
  size_t cols = extent.cols;
  auto body = [&f, cols](size_t begin, size_t end) {
    size_t row = begin / cols, col = begin % cols;
    for (size_t i = begin; i < end; ++i) {
      f(row, col);
      if (++col == cols) col = 0, ++row;
    }
  };
  detail::runRanges(extent.rows * extent.cols, detail::kMinIterationsPerTask, body);
}

// Waits until every kernel launched so far has finished (a no-op off CUDA).
// Host access through Buffer waits by itself; this is for timing.
inline void synchronize() {
#if !VCC_TARGET_GUEST
  if (detail::installedBackend != nullptr) detail::installedBackend->synchronize();
#endif
}

// ---------------------------------------------------------------------------
// Reductions (the tree is described at the top of this file). Data given as
// a pointer is read where it lives: a device pointer (from a Buffer's view
// on the cuda backend) reduces on the GPU, host memory on the CPU.

// The general reduction: map(i) gives element i, combine joins two partial
// results (a covers lower indices than b). On the cuda backend, in code
// compiled by nvcc, map and combine run on the GPU (VCC_KERNEL lambdas).
template <class T, class Map, class Combine>
T reduce(size_t n, T identity, Map map, Combine combine) {
  detail::MapLeaf<T, Map, Combine> leaf{map, combine};
#if defined(__CUDACC__)
  if (detail::cudaBackendInstalled()) return detail::cudaReduceTree(n, identity, leaf, combine);
#endif
  return detail::cpuReduceTree(n, identity, leaf, combine);
}

template <class T> T reduce_sum(const T* data, size_t n) {
  return detail::canonicalizeNaN(detail::reduceTreeAt(
      data, nullptr, n, T(0), detail::SumLeaf<T>{data}, detail::Plus<T>{}, "reduce_sum"));
}

template <class T> T reduce_max(const T* data, size_t n) {
  return detail::canonicalizeNaN(detail::reduceTreeAt(data, nullptr, n, detail::lowestForMax<T>(),
                                                      detail::MaxLeaf<T>{data}, detail::Max<T>{},
                                                      "reduce_max"));
}

template <class T> size_t argmax(const T* data, size_t n) {
  detail::IndexedValue<T> none{detail::lowestForMax<T>(), 0};
  return detail::reduceTreeAt(data, nullptr, n, none, detail::ArgmaxLeaf<T>{data},
                              detail::Argmax<T>{}, "argmax")
      .index;
}

template <class T> T dot(const T* a, const T* b, size_t n) {
  return detail::canonicalizeNaN(
      detail::reduceTreeAt(a, b, n, T(0), detail::DotLeaf<T>{a, b}, detail::Plus<T>{}, "dot"));
}

template <class T> T reduce_sum(std::span<const T> data) {
  return reduce_sum(data.data(), data.size());
}
template <class T> T reduce_max(std::span<const T> data) {
  return reduce_max(data.data(), data.size());
}
template <class T> size_t argmax(std::span<const T> data) {
  return argmax(data.data(), data.size());
}
// The shorter length wins if the two differ.
template <class T> T dot(std::span<const T> a, std::span<const T> b) {
  return dot(a.data(), b.data(), a.size() < b.size() ? a.size() : b.size());
}

}  // namespace vcc
