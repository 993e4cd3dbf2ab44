// Multi-buffer keccak256Pair (runtime-vm/vm/keccak_x4.hpp) versus the scalar
// keccak256Pair. Every benchmark reports items = pairs hashed, so
// "items_per_second" compares directly and ns/pair = 1e9 / items_per_second.
// Run: build/bench/keccak_x4_bench (pin it to one core on a shared machine:
// taskset -c 1 build/bench/keccak_x4_bench)
#include "keccak_x4.hpp"

#include <benchmark/benchmark.h>
#include <cstring>
#include <random>
#include <vector>

namespace {

using namespace vcc::vm;

std::vector<Hash> randomHashes(size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Hash> hashes(count);
  for (Hash& hash : hashes) {
    for (size_t i = 0; i < hash.size(); i += 8) {
      uint64_t word = rng();
      std::memcpy(hash.data() + i, &word, 8);
    }
  }
  return hashes;
}

bool skipUnavailable(benchmark::State& state, KeccakImpl impl) {
  if (keccakImplAvailable(impl)) return false;
  state.SkipWithError("not supported by this CPU");
  return true;
}

// Independent pairs, one at a time.
void BM_Scalar(benchmark::State& state) {
  std::vector<Hash> nodes = randomHashes(16, 1);
  size_t i = 0;
  for (auto _ : state) {
    Hash out = keccak256Pair(nodes[i % 8], nodes[8 + i % 8]);
    benchmark::DoNotOptimize(out);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Scalar);

template <size_t N> void BM_PairsPointers(benchmark::State& state, KeccakImpl impl) {
  if (skipUnavailable(state, impl)) return;
  std::vector<Hash> nodes = randomHashes(2 * N, 2);
  std::vector<Hash> out(N);
  const Hash* l[N];
  const Hash* r[N];
  Hash* o[N];
  for (size_t k = 0; k < N; ++k)
    l[k] = &nodes[k], r[k] = &nodes[N + k], o[k] = &out[k];
  for (auto _ : state) {
    if constexpr (N == 4) {
      keccak256PairX4(l, r, o, impl);
    } else {
      keccak256PairX8(l, r, o, impl);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * N));
}

// One 4 KiB page's leaf level: 64 contiguous 64-byte messages.
void BM_PageLeafLevel(benchmark::State& state, KeccakImpl impl) {
  if (skipUnavailable(state, impl)) return;
  std::vector<Hash> page = randomHashes(128, 3);
  std::vector<Hash> out(64);
  for (auto _ : state) {
    keccak256Pairs(reinterpret_cast<const uint8_t*>(page.data()), 64, out.data(), impl);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 64));
}

// A whole page root, as MemoryTree::pageRoot computes it: 127 pairs, in place.
void BM_PageRoot(benchmark::State& state, KeccakImpl impl) {
  if (skipUnavailable(state, impl)) return;
  std::vector<Hash> page = randomHashes(128, 4);
  std::vector<Hash> level(64);
  for (auto _ : state) {
    keccak256Pairs(reinterpret_cast<const uint8_t*>(page.data()), 64, level.data(), impl);
    for (size_t width = 32; width >= 1; width /= 2)
      keccak256Pairs(reinterpret_cast<const uint8_t*>(level.data()), width, level.data(), impl);
    benchmark::DoNotOptimize(level[0]);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 127));
}

void BM_PageRootScalar(benchmark::State& state) {
  std::vector<Hash> page = randomHashes(128, 4);
  Hash level[64];
  for (auto _ : state) {
    for (size_t i = 0; i < 64; ++i)
      level[i] = keccak256Pair(page[2 * i], page[2 * i + 1]);
    for (size_t width = 32; width >= 1; width /= 2)
      for (size_t i = 0; i < width; ++i)
        level[i] = keccak256Pair(level[2 * i], level[2 * i + 1]);
    benchmark::DoNotOptimize(level[0]);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 127));
}
BENCHMARK(BM_PageRootScalar);

void BM_X4(benchmark::State& state, KeccakImpl impl) {
  BM_PairsPointers<4>(state, impl);
}
void BM_X8(benchmark::State& state, KeccakImpl impl) {
  BM_PairsPointers<8>(state, impl);
}

#define VCC_BENCH_ALL_IMPLS(fn)                                                                    \
  BENCHMARK_CAPTURE(fn, portable, KeccakImpl::kPortable);                                          \
  BENCHMARK_CAPTURE(fn, avx2, KeccakImpl::kAvx2);                                                  \
  BENCHMARK_CAPTURE(fn, avx512, KeccakImpl::kAvx512)

VCC_BENCH_ALL_IMPLS(BM_X4);
VCC_BENCH_ALL_IMPLS(BM_X8);
VCC_BENCH_ALL_IMPLS(BM_PageLeafLevel);
VCC_BENCH_ALL_IMPLS(BM_PageRoot);

} // namespace

BENCHMARK_MAIN();
