// Cost of a state commitment (SPEC §3.3): keccak256 of one Merkle node, and
// the time to bring the memory root up to date versus the number of pages
// written since the last root. Run: build/bench/state_root_bench
#include <benchmark/benchmark.h>

#include <random>

#include "vcc/vm/keccak.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/memory_tree.hpp"

namespace {

using namespace vcc::vm;

void BM_KeccakPair(benchmark::State& state) {
  Hash left{}, right{};
  for (auto _ : state) {
    left = keccak256Pair(left, right);
    benchmark::DoNotOptimize(left);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_KeccakPair);

void BM_PageRoot(benchmark::State& state) {
  std::vector<uint8_t> page(kPageSize, 0x5a);
  for (auto _ : state) benchmark::DoNotOptimize(MemoryTree::pageRoot(page.data()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PageRoot);

// Memory with 16384 pages (64 MiB) in use; each iteration writes into
// `dirty` of them, spread out, then updates the root. range(1) says how much
// of each page changes: 1 byte (one leaf: the leaf-level cache re-hashes a
// single path) or the whole page (every leaf changes).
void BM_MemoryRootAfterDirtyPages(benchmark::State& state) {
  const uint64_t dirty = static_cast<uint64_t>(state.range(0));
  const bool wholePage = state.range(1) != 0;
  constexpr uint64_t kPagesInUse = 16384;
  constexpr uint64_t kBase = 0x100000;
  Memory memory;
  MemoryTree tree;
  uint8_t byte = 1;
  for (uint64_t page = 0; page < kPagesInUse; ++page) memory.write(kBase + page * kPageSize, std::span(&byte, 1));
  tree.update(memory);
  std::mt19937_64 random(1);
  for (auto _ : state) {
    state.PauseTiming();
    for (uint64_t i = 0; i < dirty; ++i) {
      ++byte;
      uint64_t page = kBase + (random() % kPagesInUse) * kPageSize;
      if (wholePage) {
        std::vector<uint8_t> contents(kPageSize, byte);
        memory.write(page, contents);
      } else {
        memory.write(page + 64, std::span(&byte, 1));
      }
    }
    state.ResumeTiming();
    benchmark::DoNotOptimize(tree.update(memory));
  }
  state.counters["perPage"] =
      benchmark::Counter(static_cast<double>(dirty), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MemoryRootAfterDirtyPages)
    ->ArgNames({"dirtyPages", "wholePage"})
    ->ArgsProduct({{1, 4, 16, 64, 256, 1024, 4096}, {0, 1}})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
