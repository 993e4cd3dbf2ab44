// What every op builds on: the kernel API's exact helpers (vcc/kernel.hpp:
// fusedMultiplyAdd, canonical NaNs, the max order) re-exported, plus the few
// exact operations the kernel API does not spell, each written once for the
// host, CUDA device code (the _rn intrinsics: IEEE rounding) and the guest.
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace vcc::ops::detail {

using vcc::detail::canonicalizeNaN; // NaN -> 0x7fc00000 / 0x7ff8000000000000
using vcc::detail::canonicalNaN;
using vcc::detail::fusedMultiplyAdd; // a*b + c, one rounding
using vcc::detail::greaterForMax;    // NaN > +inf > ... > +0 > -0 > ... > -inf

template <class T> VCC_HD inline bool isNaN(T x) {
  return x != x;
}

// Correctly rounded square root (IEEE 754; picolibc's soft sqrt in the guest,
// sqrtss/sqrtsd on x86, __fsqrt_rn/__dsqrt_rn with -prec-sqrt=true on CUDA).
VCC_HD inline float squareRoot(float x) {
#if defined(__CUDA_ARCH__)
  return __fsqrt_rn(x);
#else
  return std::sqrt(x);
#endif
}

VCC_HD inline double squareRoot(double x) {
#if defined(__CUDA_ARCH__)
  return __dsqrt_rn(x);
#else
  return std::sqrt(x);
#endif
}

// Correctly rounded division (spelled out so that CUDA device code never
// depends on -prec-div).
VCC_HD inline float divide(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fdiv_rn(a, b);
#else
  return a / b;
#endif
}

VCC_HD inline double divide(double a, double b) {
#if defined(__CUDA_ARCH__)
  return __ddiv_rn(a, b);
#else
  return a / b;
#endif
}

// A caller broke an op's contract (a buffer too small for the shape): a
// program error. Reported on stderr (the debug log in the guest), then the
// run ends: natively through the backend's failure path when one is
// installed, else abort(); in the guest abort() traps.
[[noreturn]] inline void contractViolation(const char* operation, const char* message) {
  std::fprintf(stderr, "vcc::ops::%s: %s\n", operation, message);
#if !VCC_TARGET_GUEST
  if (vcc::detail::installedBackend != nullptr)
    vcc::detail::installedBackend->fail(operation, message);
#endif
  std::abort();
}

#if !VCC_TARGET_GUEST
// CPU-only loops of the ops (packing, register tiles): body(begin, end) over
// [0, n) on the installed CPU backend, at least minPerTask iterations per
// task. Not vcc::parallel_for: these bodies are host code (x86 SIMD) that nvcc
// must not compile for the GPU, and they are coarse enough to want their own
// task size. Results never depend on how [0, n) is split.
template <class Body> void cpuRanges(size_t n, size_t minPerTask, Body body) {
  vcc::detail::runRanges(n, minPerTask, body);
}
#endif

// f(row) for every row in [0, rows), where one row costs about `rowCost`
// element operations: vcc::parallel_for on the cuda backend (one GPU thread
// per row), and on the CPU tasks of at least one row and about as much work
// as parallel_for gives a task — parallel_for's own task size assumes cheap
// iterations and would leave up to 1024 long rows on one thread.
template <class F> void forEachRow(size_t rows, size_t rowCost, F f) {
#if defined(__CUDACC__)
  if (vcc::detail::cudaBackendInstalled()) return vcc::parallel_for(rows, f);
#endif
  size_t cost = rowCost > 0 ? rowCost : 1;
  size_t minRows =
      cost >= vcc::detail::kMinIterationsPerTask ? 1 : vcc::detail::kMinIterationsPerTask / cost;
  auto body = [&f](size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row)
      f(row);
  };
  vcc::detail::runRanges(rows, minRows, body);
}

} // namespace vcc::ops::detail
