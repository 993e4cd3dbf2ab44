// Data roots (SPEC §3.4) against plain keccak256 of the same bytes, in one
// run: "hashing a 100 MB blob must run at keccak speed". Bytes per second of
// data for both; the ratio is the figure in docs/benchmarks.md.
//
//   build/bench/data_root_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "vcc/vm/data_root.hpp"

namespace {

const std::vector<uint8_t>& blob() {
  static const std::vector<uint8_t> bytes = [] {
    std::vector<uint8_t> data(size_t{100} << 20);
    std::mt19937_64 random(1);
    for (uint8_t& byte : data) byte = static_cast<uint8_t>(random());
    return data;
  }();
  return bytes;
}

void BM_DataRoot100MiB(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(vcc::vm::dataRoot(blob()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * blob().size()));
}

void BM_Keccak256Sponge100MiB(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(vcc::vm::keccak256(blob()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * blob().size()));
}

BENCHMARK(BM_DataRoot100MiB)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Keccak256Sponge100MiB)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
