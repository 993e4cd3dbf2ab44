// A persistent pool that runs a batch of independent tasks with static
// scheduling: participant p of P (the caller is participant 0) runs tasks
// [p*count/P, (p+1)*count/P). The threads live as long as the pool, so a
// batch costs a wake-up, not a thread start.
#pragma once

#include "vcc/kernel.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace vcc::native {

class ThreadPool {
public:
  // `threads` >= 1 counts the caller: threads - 1 workers are started.
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t size() const { return workers_.size() + 1; }

  // Runs task(context, t) for t in [0, count) and returns when all are
  // done. Called from a task (a nested batch), it runs the batch in order
  // on the calling thread.
  void run(size_t count, detail::TaskFunction task, void* context);

private:
  struct Batch {
    size_t count = 0;
    size_t participants = 0;
    detail::TaskFunction task = nullptr;
    void* context = nullptr;
  };

  void workerLoop(size_t participant);
  static void runShare(const Batch& batch, size_t participant);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  // Written under mutex_; workers copy (generation_, batch_) together.
  Batch batch_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<size_t> remaining_{0};  // workers still running the batch
  bool stopping_ = false;
};

}  // namespace vcc::native
