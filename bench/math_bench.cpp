// vcc::math against glibc: nanoseconds per call (docs/math.md, "Speed").
// Each benchmark evaluates one function on 4096 inputs from a realistic
// range; items/s is calls per second. Build with the SPEC §4 flags
// (vcc_deterministic) so that the comparison is the one a service sees.
//
//   build/bench/math_bench --benchmark_filter=exp
#include "vcc/math.hpp"

#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

constexpr size_t kInputs = 4096;

template <class T> std::vector<T> inputs(double lo, double hi) {
  std::vector<T> values(kInputs);
  uint64_t state = 0x9e3779b97f4a7c15u;
  for (T& v : values) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    v = static_cast<T>(lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53);
  }
  return values;
}

template <class T, class F> void run(benchmark::State& state, F f, double lo, double hi) {
  std::vector<T> x = inputs<T>(lo, hi);
  for (auto _ : state) {
    T sum = 0; // consumes every result (one dependent add per call)
    for (T v : x)
      sum += f(v);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kInputs));
}

#define MATH_PAIR(name, T, lo, hi, ours, theirs)                                                   \
  void BM_##name##_vcc(benchmark::State& s) {                                                      \
    run<T>(                                                                                        \
        s, [](T v) { return ours; }, lo, hi);                                                      \
  }                                                                                                \
  void BM_##name##_glibc(benchmark::State& s) {                                                    \
    run<T>(                                                                                        \
        s, [](T v) { return theirs; }, lo, hi);                                                    \
  }                                                                                                \
  BENCHMARK(BM_##name##_vcc);                                                                      \
  BENCHMARK(BM_##name##_glibc)

MATH_PAIR(exp, double, -700, 700, vcc::math::exp(v), std::exp(v));
MATH_PAIR(log, double, 1e-300, 1e300, vcc::math::log(v), std::log(v));
MATH_PAIR(sin, double, -10, 10, vcc::math::sin(v), std::sin(v));
MATH_PAIR(sin_huge, double, 1e10, 1e300, vcc::math::sin(v), std::sin(v));
MATH_PAIR(tanh, double, -10, 10, vcc::math::tanh(v), std::tanh(v));
MATH_PAIR(erf, double, -5, 5, vcc::math::erf(v), std::erf(v));
MATH_PAIR(pow, double, 0.01, 100, vcc::math::pow(v, 1.37), std::pow(v, 1.37));
MATH_PAIR(expf, float, -80, 80, vcc::math::exp(v), std::exp(v));
MATH_PAIR(logf, float, 1e-30, 1e30, vcc::math::log(v), std::log(v));
MATH_PAIR(sinf, float, -10, 10, vcc::math::sin(v), std::sin(v));
MATH_PAIR(tanhf, float, -10, 10, vcc::math::tanh(v), std::tanh(v));
MATH_PAIR(sigmoidf, float, -20, 20, vcc::math::sigmoid(v), 1.0f / (1.0f + std::exp(-v)));
MATH_PAIR(geluf, float, -5, 5, vcc::math::gelu(v), 0.5f * v * std::erfc(-v * 0.70710678f));
MATH_PAIR(powf, float, 0.01f, 100, vcc::math::pow(v, 1.37f), std::pow(v, 1.37f));
MATH_PAIR(rsqrtf, float, 1e-30, 1e30, vcc::math::rsqrt(v), 1.0f / std::sqrt(v));

} // namespace

BENCHMARK_MAIN();
