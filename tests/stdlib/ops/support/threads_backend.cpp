#include "threads_backend.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace vcc::ops::testing {

namespace {

// Starts the threads per run; each takes the next task index until none is
// left, and tasks are handed out from the last one down, so that the order
// differs from the serial one.
class SpawningThreads final : public vcc::detail::Backend {
public:
  explicit SpawningThreads(size_t threads) : threads_(threads) {}
  vcc::detail::BackendKind kind() const override { return vcc::detail::BackendKind::threads; }
  const char* name() const override { return "test-threads"; }
  size_t concurrency() const override { return threads_; }
  void runTasks(size_t count, vcc::detail::TaskFunction task, void* context) override {
    std::atomic<size_t> taken{0};
    auto worker = [&] {
      for (size_t i = taken.fetch_add(1); i < count; i = taken.fetch_add(1))
        task(context, count - 1 - i);
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads_; ++t)
      pool.emplace_back(worker);
    worker();
    for (auto& thread : pool)
      thread.join();
  }
  [[noreturn]] void fail(const char* operation, const char* message) override {
    std::fprintf(stderr, "test backend: %s: %s\n", operation, message);
    std::abort();
  }

private:
  size_t threads_;
};

} // namespace

ScopedThreads::ScopedThreads(size_t threads)
    : backend_(new SpawningThreads(threads)), previous_(vcc::detail::installedBackend) {
  vcc::detail::installedBackend = backend_;
}

ScopedThreads::~ScopedThreads() {
  vcc::detail::installedBackend = previous_;
  delete backend_;
}

} // namespace vcc::ops::testing
