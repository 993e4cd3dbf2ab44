// The CPU backends: serial (in order on the calling thread) and threads (a
// persistent pool with static chunking), and what every backend shares.
#include "backend_failure.hpp"
#include "thread_pool.hpp"
#include "vcc/native/backends.hpp"

#include <memory>
#include <thread>

namespace vcc::native {
namespace {

class SerialBackend final : public Backend {
public:
  BackendKind kind() const override { return BackendKind::serial; }
  const char* name() const override { return "serial"; }
  size_t concurrency() const override { return 1; }
  void runTasks(size_t count, detail::TaskFunction task, void* context) override {
    for (size_t t = 0; t < count; ++t)
      task(context, t);
  }
  [[noreturn]] void fail(const char* operation, const char* message) override {
    failBackend("serial", operation, message);
  }
};

class ThreadsBackend final : public Backend {
public:
  explicit ThreadsBackend(size_t threads) : pool_(threads) {}
  BackendKind kind() const override { return BackendKind::threads; }
  const char* name() const override { return "threads"; }
  size_t concurrency() const override { return pool_.size(); }
  void runTasks(size_t count, detail::TaskFunction task, void* context) override {
    pool_.run(count, task, context);
  }
  [[noreturn]] void fail(const char* operation, const char* message) override {
    failBackend("threads", operation, message);
  }

private:
  ThreadPool pool_;
};

}  // namespace

std::unique_ptr<Backend> makeSerialBackend() {
  return std::make_unique<SerialBackend>();
}

std::unique_ptr<Backend> makeThreadsBackend(size_t threads) {
  return std::make_unique<ThreadsBackend>(threads != 0 ? threads : hardwareThreads());
}

size_t hardwareThreads() {
  unsigned reported = std::thread::hardware_concurrency();
  return reported != 0 ? reported : 1;
}

ScopedBackend::ScopedBackend(Backend& backend) : previous_(detail::installedBackend) {
  detail::installedBackend = &backend;
}

ScopedBackend::~ScopedBackend() {
  detail::installedBackend = previous_;
}

const char* backendName(BackendKind kind) {
  switch (kind) {
  case BackendKind::serial: return "serial";
  case BackendKind::threads: return "threads";
  case BackendKind::cuda: return "cuda";
  }
  return "unknown";
}

}  // namespace vcc::native
