// parallel_for on the CPU backends: every index (or cell) exactly once, for
// sizes around the task boundaries and every thread count; nesting runs in
// order instead of deadlocking; the pool really uses its threads.
#include "test_support.hpp"
#include "vcc/kernel.hpp"
#include "vcc/native/backends.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace vcc {
namespace {

TEST(ParallelFor, VisitsEveryIndexOnceOnEveryBackend) {
  for (size_t n : {0, 1, 1023, 1024, 1025, 2049, 4096 * 3 + 5, 100000}) {
    SCOPED_TRACE(n);
    auto results = test::resultsOnEveryCpuBackend([n] {
      std::vector<uint8_t> hits(n, 0);
      uint8_t* h = hits.data();
      parallel_for(n, [=](size_t i) { h[i] += 1; });
      return hits;
    });
    for (const auto& hits : results)
      EXPECT_EQ(hits, std::vector<uint8_t>(n, 1));
  }
}

TEST(ParallelFor, VisitsEveryCellOnceIn2D) {
  for (Extent2 extent : {Extent2{0, 5}, Extent2{5, 0}, Extent2{1, 1}, Extent2{3, 1000},
                         Extent2{1000, 3}, Extent2{33, 65}, Extent2{257, 129}}) {
    SCOPED_TRACE(::testing::Message() << extent.rows << "x" << extent.cols);
    auto results = test::resultsOnEveryCpuBackend([extent] {
      std::vector<uint32_t> cells(extent.rows * extent.cols, 0);
      uint32_t* c = cells.data();
      size_t cols = extent.cols;
      parallel_for(extent, [=](size_t row, size_t col) {
        c[row * cols + col] += static_cast<uint32_t>(row * 1000 + col + 1);
      });
      return cells;
    });
    std::vector<uint32_t> expected(extent.rows * extent.cols);
    for (size_t r = 0; r < extent.rows; ++r)
      for (size_t c = 0; c < extent.cols; ++c)
        expected[r * extent.cols + c] = static_cast<uint32_t>(r * 1000 + c + 1);
    for (const auto& cells : results)
      EXPECT_EQ(cells, expected);
  }
}

TEST(ParallelFor, RunsInOrderWithoutABackend) {
  ASSERT_EQ(detail::installedBackend, nullptr);
  std::vector<size_t> order;
  parallel_for(5000, [&](size_t i) { order.push_back(i); });
  ASSERT_EQ(order.size(), 5000u);
  for (size_t i = 0; i < order.size(); ++i)
    EXPECT_EQ(order[i], i);
}

TEST(ParallelFor, NestedLoopsRunInsideTheirTask) {
  auto pool = native::makeThreadsBackend(4);
  native::ScopedBackend installed(*pool);
  const size_t outer = 4096, inner = 2048;
  std::vector<uint32_t> sums(outer, 0);
  uint32_t* s = sums.data();
  parallel_for(outer, [=](size_t i) {
    uint32_t local[1] = {0};
    uint32_t* l = local;
    parallel_for(inner, [=](size_t) { l[0] += 1; });  // in order, same thread
    s[i] = local[0];
  });
  for (uint32_t sum : sums)
    EXPECT_EQ(sum, inner);
}

TEST(ParallelFor, UsesThePoolsThreads) {
  auto pool = native::makeThreadsBackend(4);
  native::ScopedBackend installed(*pool);
  std::mutex mutex;
  std::set<std::thread::id> seen;
  // Enough work per iteration that every participant gets some.
  parallel_for(4 * detail::kMinIterationsPerTask, [&](size_t i) {
    if (i % detail::kMinIterationsPerTask == 0) {
      std::lock_guard lock(mutex);
      seen.insert(std::this_thread::get_id());
    }
  });
  EXPECT_EQ(seen.size(), 4u);
}

TEST(ThreadsBackend, RunsEveryTaskOnceAcrossManyBatches) {
  for (size_t threads = 1; threads <= 7; ++threads) {
    auto pool = native::makeThreadsBackend(threads);
    EXPECT_EQ(pool->concurrency(), threads);
    for (size_t count : {1, 2, 3, 7, 8, 100}) {
      for (int repeat = 0; repeat < 50; ++repeat) {
        std::vector<std::atomic<int>> hits(count);
        pool->runTasks(
            count,
            [](void* context, size_t task) {
              (*static_cast<std::vector<std::atomic<int>>*>(context))[task] += 1;
            },
            &hits);
        for (size_t t = 0; t < count; ++t)
          ASSERT_EQ(hits[t].load(), 1) << threads << " " << count;
      }
    }
  }
}

TEST(ThreadsBackend, ZeroThreadsMeansOnePerHardwareThread) {
  auto pool = native::makeThreadsBackend(0);
  EXPECT_EQ(pool->concurrency(), native::hardwareThreads());
  EXPECT_EQ(pool->kind(), native::BackendKind::threads);
}

TEST(ScopedBackend, RestoresThePreviousBackend) {
  auto serial = native::makeSerialBackend();
  auto pool = native::makeThreadsBackend(2);
  {
    native::ScopedBackend outer(*serial);
    {
      native::ScopedBackend inner(*pool);
      EXPECT_EQ(detail::installedBackend, pool.get());
    }
    EXPECT_EQ(detail::installedBackend, serial.get());
  }
  EXPECT_EQ(detail::installedBackend, nullptr);
}

}  // namespace
}  // namespace vcc
