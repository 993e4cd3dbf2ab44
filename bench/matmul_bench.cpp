// vcc::ops::matmul speed on the CPU backends: GFLOP/s of the serial backend
// and of the threads backend, for float, double and int8 (-> int32), at a
// few square sizes; each result is also checked to be the same bits on both
// backends (docs/ops.md, docs/benchmarks.md).
//
//   matmul_bench [--threads N] [--sizes 256,512,1024,2048] [--seconds 0.5]
//
// One multiply-add counts as 2 operations (int8 too: "GOP/s"). Each figure
// is the best of repeated runs lasting at least --seconds in total. "wall"
// is operations per elapsed second; "cpu" per second of CPU time used by
// the process (all threads), i.e. the rate per busy core: on a loaded
// machine wall figures drop while cpu figures stay meaningful.
#include "vcc/native/backends.hpp"
#include "vcc/ops.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <time.h>
#include <vector>

namespace {

uint64_t splitmix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

template <class T> std::vector<T> randomMatrix(size_t count, uint64_t seed) {
  std::vector<T> values(count);
  for (T& v : values) {
    uint64_t bits = splitmix(seed);
    if constexpr (std::is_floating_point_v<T>)
      v = static_cast<T>(static_cast<int64_t>(bits >> 11) - (int64_t{1} << 52)) *
          T(0x1p-52); // [-1, 1)
    else
      v = static_cast<T>(bits);
  }
  return values;
}

double processCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

struct Timing {
  double seconds;    // best run, elapsed
  double cpuSeconds; // best run, process CPU time
  std::vector<uint8_t> bytes;
};

template <class In>
Timing timeMatmul(vcc::detail::Backend& backend, size_t size, double minSeconds) {
  using Out = vcc::ops::detail::MatmulOut<In>;
  auto a = randomMatrix<In>(size * size, 1);
  auto b = randomMatrix<In>(size * size, 2);
  std::vector<Out> c(size * size);
  vcc::native::ScopedBackend installed(backend);
  double best = 1e300, bestCpu = 1e300, total = 0;
  int runs = 0;
  while (runs < 2 || total < minSeconds) {
    auto start = std::chrono::steady_clock::now();
    double cpuStart = processCpuSeconds();
    vcc::ops::matmul(a.data(), b.data(), c.data(), size, size, size);
    double cpu = processCpuSeconds() - cpuStart;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::min(best, seconds);
    bestCpu = std::min(bestCpu, cpu);
    total += seconds;
    ++runs;
  }
  Timing timing{best, bestCpu, std::vector<uint8_t>(c.size() * sizeof(Out))};
  std::memcpy(timing.bytes.data(), c.data(), timing.bytes.size());
  return timing;
}

template <class In>
bool benchType(const char* name, size_t size, double minSeconds, vcc::detail::Backend& serial,
               vcc::detail::Backend& threads) {
  Timing one = timeMatmul<In>(serial, size, minSeconds);
  Timing many = timeMatmul<In>(threads, size, minSeconds);
  double operations = 2.0 * double(size) * double(size) * double(size);
  bool same = one.bytes == many.bytes;
  std::printf("%6zu  %-6s %8.1f %8.1f %8.1f %8.1f %8.2fx   %s\n", size, name,
              operations / one.seconds * 1e-9, operations / one.cpuSeconds * 1e-9,
              operations / many.seconds * 1e-9, operations / many.cpuSeconds * 1e-9,
              one.seconds / many.seconds, same ? "same bits" : "DIFFERENT BITS");
  std::fflush(stdout);
  return same;
}

std::vector<size_t> parseSizes(const char* text) {
  std::vector<size_t> sizes;
  for (const char* p = text; *p != '\0';) {
    char* end = nullptr;
    unsigned long long value = std::strtoull(p, &end, 10);
    if (end == p || value == 0) return {};
    sizes.push_back(value);
    p = *end == ',' ? end + 1 : end;
    if (*end != ',' && *end != '\0') return {};
  }
  return sizes;
}

} // namespace

int main(int argc, char** argv) {
  size_t threadCount = 0;
  std::vector<size_t> sizes = {256, 512, 1024, 2048};
  double minSeconds = 0.5;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--threads" && i + 1 < argc)
      threadCount = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--sizes" && i + 1 < argc)
      sizes = parseSizes(argv[++i]);
    else if (arg == "--seconds" && i + 1 < argc)
      minSeconds = std::strtod(argv[++i], nullptr);
    else {
      std::fprintf(stderr, "usage: %s [--threads N] [--sizes 256,512,1024,2048] [--seconds 0.5]\n",
                   argv[0]);
      return 2;
    }
  }
  if (sizes.empty()) {
    std::fprintf(stderr, "%s: --sizes: a comma-separated list of positive sizes\n", argv[0]);
    return 2;
  }
  auto serial = vcc::native::makeSerialBackend();
  auto threads = vcc::native::makeThreadsBackend(threadCount);
  std::printf("vcc::ops::matmul, C = A·B, square n×n×n; GFLOP/s (int8: GOP/s), best run\n");
  std::printf("threads backend: %zu threads (of %zu hardware threads)\n\n", threads->concurrency(),
              vcc::native::hardwareThreads());
  std::printf("%6s  %-6s %17s %17s\n", "", "", "serial", "threads");
  std::printf("%6s  %-6s %8s %8s %8s %8s %9s   %s\n", "n", "type", "wall", "cpu", "wall", "cpu",
              "speedup", "serial = threads");
  bool allSame = true;
  for (size_t size : sizes) {
    allSame &= benchType<float>("float", size, minSeconds, *serial, *threads);
    allSame &= benchType<double>("double", size, minSeconds, *serial, *threads);
    allSame &= benchType<int8_t>("int8", size, minSeconds, *serial, *threads);
  }
  return allSame ? 0 : 1;
}
