// vcc::ops::matmul on the GPU against cuBLAS SGEMM (FP32, TF32 off), and
// bitwise checks that the GPU gives the CPU's bits (docs/ops.md).
//
//   bench/cuda/run_matmul_bench.sh [--size 4096] [--reps 10] [--no-large-check]
//
// Prints, for C = A·B with square n×n float matrices (A, B uniform in
// [-1, 1)):
//   - TFLOP/s of vcc::ops::matmul (deterministic: per element, k ascending,
//     one fma each, no split-K, no tensor cores) and of cublasSgemm with
//     CUBLAS_DEFAULT_MATH (no TF32: that needs CUBLAS_TF32_TENSOR_OP_MATH)
//     and with CUBLAS_PEDANTIC_MATH;
//   - how far each is from a double-precision reference on sampled elements;
//   - bitwise GPU = CPU: vcc::ops::matmul on the cuda backend and on the
//     threads backend, for float, double, int8 -> int32 and int32 -> int64 on
//     a small odd-shaped case with special values (NaN, ±inf, ±0,
//     subnormals), and (unless --no-large-check) for the n×n float case.
// Exit code: 0 when every bitwise check passes, 1 otherwise, 77 without a
// usable CUDA device.
#include "vcc/buffer.hpp"
#include "vcc/native/backends.hpp"
#include "vcc/ops.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <string>
#include <vector>

namespace {

void checkCuda(cudaError_t error, const char* what) {
  if (error != cudaSuccess) {
    std::fprintf(stderr, "CUDA error in %s: %s\n", what, cudaGetErrorString(error));
    std::exit(1);
  }
}

void checkCublas(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS) {
    std::fprintf(stderr, "cuBLAS error in %s: %d\n", what, static_cast<int>(status));
    std::exit(1);
  }
}

uint64_t splitmix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Uniform in [-1, 1), or with `specials` per mille a special value.
template <class T> std::vector<T> randomValues(size_t count, uint64_t seed, int specials = 0) {
  std::vector<T> values(count);
  for (T& v : values) {
    uint64_t bits = splitmix(seed);
    if constexpr (std::is_floating_point_v<T>) {
      v = static_cast<T>(static_cast<int64_t>(bits >> 11) - (int64_t{1} << 52)) * T(0x1p-52);
      if (static_cast<int>(splitmix(seed) % 1000) < specials) {
        switch (splitmix(seed) % 6) {
        case 0: v = T(0); break;
        case 1: v = -T(0); break;
        case 2: v = std::numeric_limits<T>::infinity(); break;
        case 3: v = -std::numeric_limits<T>::infinity(); break;
        case 4: v = std::numeric_limits<T>::quiet_NaN(); break;
        default: v = std::numeric_limits<T>::denorm_min() * T(1 + splitmix(seed) % 1000); break;
        }
      }
    } else {
      v = static_cast<T>(bits);
    }
  }
  return values;
}

// C = A·B with vcc::ops::matmul on whichever backend is installed, through
// Buffers (device memory on the cuda backend).
template <class In>
std::vector<vcc::ops::detail::MatmulOut<In>>
vccMatmul(const std::vector<In>& a, const std::vector<In>& b, size_t m, size_t k, size_t n) {
  vcc::Buffer<In> bufferA(a), bufferB(b);
  vcc::Buffer<vcc::ops::detail::MatmulOut<In>> bufferC(m * n);
  vcc::ops::matmul(bufferA.cview().data(), bufferB.cview().data(), bufferC.view().data(), m, k, n);
  return bufferC.to_vector();
}

template <class In>
bool sameOnGpuAndCpu(const char* name, size_t m, size_t k, size_t n, vcc::detail::Backend& gpu,
                     vcc::detail::Backend& cpu) {
  auto a = randomValues<In>(m * k, 11, 20);
  auto b = randomValues<In>(k * n, 12, 20);
  std::vector<vcc::ops::detail::MatmulOut<In>> onGpu, onCpu;
  {
    vcc::native::ScopedBackend installed(gpu);
    onGpu = vccMatmul(a, b, m, k, n);
  }
  {
    vcc::native::ScopedBackend installed(cpu);
    onCpu = vccMatmul(a, b, m, k, n);
  }
  bool same = std::memcmp(onGpu.data(), onCpu.data(), onGpu.size() * sizeof(onGpu[0])) == 0;
  size_t nans = 0;
  if constexpr (std::is_floating_point_v<In>)
    for (auto v : onCpu)
      nans += v != v;
  std::printf("  %-16s %5zux%zux%zu  %s  (%zu NaN results)\n", name, m, k, n,
              same ? "GPU = CPU, bit for bit" : "GPU != CPU: MISMATCH", nans);
  return same;
}

struct ErrorStats {
  double maxRelative = 0; // |C - exact| / sum_p |a b|, over the sampled elements
};

ErrorStats errorAgainstDouble(const std::vector<float>& c, const std::vector<float>& a,
                              const std::vector<float>& b, size_t n, size_t samples) {
  ErrorStats stats;
  uint64_t seed = 99;
  for (size_t s = 0; s < samples; ++s) {
    size_t i = splitmix(seed) % n, j = splitmix(seed) % n;
    double exact = 0, magnitude = 0;
    for (size_t p = 0; p < n; ++p) {
      double product = double(a[i * n + p]) * double(b[p * n + j]);
      exact += product;
      magnitude += std::fabs(product);
    }
    stats.maxRelative = std::max(stats.maxRelative, std::fabs(c[i * n + j] - exact) / magnitude);
  }
  return stats;
}

double seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
  size_t n = 4096;
  int reps = 10;
  bool largeCheck = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--size" && i + 1 < argc)
      n = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--reps" && i + 1 < argc)
      reps = std::atoi(argv[++i]);
    else if (arg == "--no-large-check")
      largeCheck = false;
    else {
      std::fprintf(stderr, "usage: %s [--size 4096] [--reps 10] [--no-large-check]\n", argv[0]);
      return 2;
    }
  }
  if (n == 0 || reps <= 0) return 2;

  std::string whyNot;
  auto gpu = vcc::native::makeCudaBackend(vcc::native::hardwareThreads(), whyNot);
  if (!gpu) {
    std::fprintf(stderr, "no usable CUDA device: %s\n", whyNot.c_str());
    return 77;
  }
  auto cpu = vcc::native::makeThreadsBackend(0);
  cudaDeviceProp properties{};
  checkCuda(cudaGetDeviceProperties(&properties, 0), "cudaGetDeviceProperties");
  int runtimeVersion = 0;
  cudaRuntimeGetVersion(&runtimeVersion);
  std::printf("device: %s (sm_%d%d, %d SMs), CUDA runtime %d; CPU: %zu threads\n", properties.name,
              properties.major, properties.minor, properties.multiProcessorCount, runtimeVersion,
              cpu->concurrency());

  const double flops = 2.0 * double(n) * double(n) * double(n);
  auto a = randomValues<float>(n * n, 1);
  auto b = randomValues<float>(n * n, 2);

  // vcc::ops::matmul on the GPU.
  std::vector<float> vccResult;
  double vccSeconds = 1e300;
  {
    vcc::native::ScopedBackend installed(*gpu);
    vcc::Buffer<float> bufferA(a), bufferB(b), bufferC(n * n);
    const float* da = bufferA.cview().data();
    const float* db = bufferB.cview().data();
    float* dc = bufferC.view().data();
    vcc::ops::matmul(da, db, dc, n, n, n); // warm-up
    vcc::synchronize();
    for (int r = 0; r < reps; ++r) {
      auto start = std::chrono::steady_clock::now();
      vcc::ops::matmul(da, db, dc, n, n, n);
      vcc::synchronize();
      vccSeconds = std::min(vccSeconds, seconds(start));
    }
    vccResult = bufferC.to_vector();
  }

  // cuBLAS SGEMM, row-major C = A·B computed as column-major Cᵀ = Bᵀ·Aᵀ.
  float *da = nullptr, *db = nullptr, *dc = nullptr;
  checkCuda(cudaMalloc(&da, n * n * sizeof(float)), "cudaMalloc");
  checkCuda(cudaMalloc(&db, n * n * sizeof(float)), "cudaMalloc");
  checkCuda(cudaMalloc(&dc, n * n * sizeof(float)), "cudaMalloc");
  checkCuda(cudaMemcpy(da, a.data(), n * n * sizeof(float), cudaMemcpyHostToDevice), "copy");
  checkCuda(cudaMemcpy(db, b.data(), n * n * sizeof(float), cudaMemcpyHostToDevice), "copy");
  cublasHandle_t handle;
  checkCublas(cublasCreate(&handle), "cublasCreate");
  struct Mode {
    const char* name;
    cublasMath_t math;
    double seconds = 1e300;
    std::vector<float> result;
  } modes[] = {{"cuBLAS SGEMM (DEFAULT_MATH, no TF32)", CUBLAS_DEFAULT_MATH},
               {"cuBLAS SGEMM (PEDANTIC_MATH)", CUBLAS_PEDANTIC_MATH}};
  const float one = 1.0f, zero = 0.0f;
  const int dim = static_cast<int>(n);
  for (Mode& mode : modes) {
    checkCublas(cublasSetMathMode(handle, mode.math), "cublasSetMathMode");
    for (int r = 0; r <= reps; ++r) { // the first run is the warm-up
      checkCuda(cudaDeviceSynchronize(), "synchronize");
      auto start = std::chrono::steady_clock::now();
      checkCublas(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, dim, dim, dim, &one, db, dim, da,
                              dim, &zero, dc, dim),
                  "cublasSgemm");
      checkCuda(cudaDeviceSynchronize(), "synchronize");
      if (r > 0) mode.seconds = std::min(mode.seconds, seconds(start));
    }
    mode.result.resize(n * n);
    checkCuda(cudaMemcpy(mode.result.data(), dc, n * n * sizeof(float), cudaMemcpyDeviceToHost),
              "copy");
  }
  cublasDestroy(handle);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);

  const size_t samples = 256;
  std::printf("\nC = A·B, float, %zu x %zu x %zu, best of %d runs\n", n, n, n, reps);
  std::printf(
      "  %-40s %9.3f ms  %7.2f TFLOP/s   max error %.2e (relative to sum|ab|, %zu samples)\n",
      "vcc::ops::matmul (deterministic)", vccSeconds * 1e3, flops / vccSeconds * 1e-12,
      errorAgainstDouble(vccResult, a, b, n, samples).maxRelative, samples);
  for (const Mode& mode : modes)
    std::printf("  %-40s %9.3f ms  %7.2f TFLOP/s   max error %.2e\n", mode.name, mode.seconds * 1e3,
                flops / mode.seconds * 1e-12,
                errorAgainstDouble(mode.result, a, b, n, samples).maxRelative);
  std::printf("  vcc / cuBLAS (DEFAULT_MATH) speed: %.2f\n", modes[0].seconds / vccSeconds);

  std::printf("\nbitwise, vcc::ops::matmul on the cuda backend vs the threads backend:\n");
  bool ok = true;
  ok &= sameOnGpuAndCpu<float>("float", 257, 300, 131, *gpu, *cpu);
  ok &= sameOnGpuAndCpu<double>("double", 257, 300, 131, *gpu, *cpu);
  ok &= sameOnGpuAndCpu<int8_t>("int8 -> int32", 257, 300, 131, *gpu, *cpu);
  ok &= sameOnGpuAndCpu<int32_t>("int32 -> int64", 257, 300, 131, *gpu, *cpu);
  ok &= sameOnGpuAndCpu<float>("float, k = 1", 70, 1, 90, *gpu, *cpu);
  if (largeCheck) {
    auto start = std::chrono::steady_clock::now();
    std::vector<float> onCpu;
    {
      vcc::native::ScopedBackend installed(*cpu);
      onCpu = vccMatmul(a, b, n, n, n);
    }
    bool same = std::memcmp(onCpu.data(), vccResult.data(), onCpu.size() * sizeof(float)) == 0;
    std::printf("  %-16s %5zux%zux%zu  %s  (CPU took %.1f s)\n", "float", n, n, n,
                same ? "GPU = CPU, bit for bit" : "GPU != CPU: MISMATCH", seconds(start));
    ok &= same;
  }
  std::printf("\n%s\n", ok ? "OK: every bitwise check passed" : "FAILED: a bitwise check failed");
  return ok ? 0 : 1;
}
