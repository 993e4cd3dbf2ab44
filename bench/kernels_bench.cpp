// Kernel API throughput on the CPU backends (docs/kernels.md): parallel_for
// with a memory-bound and a compute-bound body, and the fixed-tree
// reductions, on the serial backend (argument 0) and the threads backend
// with N threads (argument N). Times are wall-clock; the CPU column is the
// whole process's CPU time (all threads), which stays meaningful on a loaded
// machine: serial CPU time / threads CPU time is the parallel efficiency.
//
//   build/bench/kernels_bench --benchmark_filter=Sum
#include "vcc/kernel.hpp"
#include "vcc/native/backends.hpp"

#include <benchmark/benchmark.h>
#include <cmath>
#include <memory>
#include <vector>

namespace {

std::unique_ptr<vcc::native::Backend> backendFor(const benchmark::State& state) {
  size_t threads = static_cast<size_t>(state.range(0));
  return threads == 0 ? vcc::native::makeSerialBackend() : vcc::native::makeThreadsBackend(threads);
}

void setLabel(benchmark::State& state) {
  state.SetLabel(state.range(0) == 0 ? "serial" : "threads-" + std::to_string(state.range(0)));
}

template <class T> std::vector<T> ramp(size_t n) {
  std::vector<T> values(n);
  for (size_t i = 0; i < n; ++i)
    values[i] = static_cast<T>((i % 1000) * 0.001 - 0.5);
  return values;
}

constexpr size_t kElements = size_t{1} << 24;  // 64 MiB of float, beyond the caches

// y[i] = a * x[i] + y[i]: one multiply and one add per 12 bytes moved.
void ParallelForAxpy(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  std::vector<float> x = ramp<float>(kElements), y = ramp<float>(kElements);
  const float* xs = x.data();
  float* ys = y.data();
  for (auto _ : state) {
    vcc::parallel_for(kElements, [=](size_t i) { ys[i] = 1.0001f * xs[i] + ys[i]; });
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * kElements);
  state.SetBytesProcessed(state.iterations() * kElements * 3 * sizeof(float));
  setLabel(state);
}

// 64 dependent fmas per element: compute-bound.
void ParallelForPolynomial(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  constexpr size_t n = size_t{1} << 20;
  std::vector<float> x = ramp<float>(n), y(n);
  const float* xs = x.data();
  float* ys = y.data();
  for (auto _ : state) {
    vcc::parallel_for(n, [=](size_t i) {
      float v = xs[i], acc = 0.5f;
      for (int k = 0; k < 64; ++k)
        acc = std::fma(acc, v, 0.25f);
      ys[i] = acc;
    });
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
  setLabel(state);
}

// 2-D: a 1024 x 1024 transpose-and-scale.
void ParallelFor2D(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  constexpr size_t side = 1024;
  std::vector<double> x = ramp<double>(side * side), y(side * side);
  const double* xs = x.data();
  double* ys = y.data();
  for (auto _ : state) {
    vcc::parallel_for(vcc::Extent2{side, side},
                      [=](size_t r, size_t c) { ys[r * side + c] = 2.0 * xs[c * side + r]; });
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * side * side);
  setLabel(state);
}

template <class T> void ReduceSum(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  std::vector<T> x = ramp<T>(kElements);
  for (auto _ : state)
    benchmark::DoNotOptimize(vcc::reduce_sum(x.data(), x.size()));
  state.SetItemsProcessed(state.iterations() * kElements);
  state.SetBytesProcessed(state.iterations() * kElements * sizeof(T));
  setLabel(state);
}

void ReduceMax(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  std::vector<float> x = ramp<float>(kElements);
  for (auto _ : state)
    benchmark::DoNotOptimize(vcc::reduce_max(x.data(), x.size()));
  state.SetItemsProcessed(state.iterations() * kElements);
  setLabel(state);
}

void Argmax(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  std::vector<float> x = ramp<float>(kElements);
  for (auto _ : state)
    benchmark::DoNotOptimize(vcc::argmax(x.data(), x.size()));
  state.SetItemsProcessed(state.iterations() * kElements);
  setLabel(state);
}

void DotDouble(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  std::vector<double> x = ramp<double>(kElements / 2), y = ramp<double>(kElements / 2);
  for (auto _ : state)
    benchmark::DoNotOptimize(vcc::dot(x.data(), y.data(), x.size()));
  state.SetItemsProcessed(state.iterations() * x.size());
  state.SetBytesProcessed(state.iterations() * x.size() * 2 * sizeof(double));
  setLabel(state);
}

// A small loop: what a parallel_for costs when there is little to do.
void ParallelForDispatch(benchmark::State& state) {
  auto backend = backendFor(state);
  vcc::native::ScopedBackend installed(*backend);
  constexpr size_t n = 4096;
  std::vector<float> y(n);
  float* ys = y.data();
  for (auto _ : state) {
    vcc::parallel_for(n, [=](size_t i) { ys[i] += 1.0f; });
    benchmark::ClobberMemory();
  }
  setLabel(state);
}

#define VCC_BACKENDS ->Arg(0)->Arg(1)->Arg(2)->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kMillisecond)
BENCHMARK(ParallelForAxpy) VCC_BACKENDS;
BENCHMARK(ParallelForPolynomial) VCC_BACKENDS;
BENCHMARK(ParallelFor2D) VCC_BACKENDS;
BENCHMARK(ReduceSum<float>) VCC_BACKENDS;
BENCHMARK(ReduceSum<double>) VCC_BACKENDS;
BENCHMARK(ReduceMax) VCC_BACKENDS;
BENCHMARK(Argmax) VCC_BACKENDS;
BENCHMARK(DotDouble) VCC_BACKENDS;
BENCHMARK(ParallelForDispatch)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
