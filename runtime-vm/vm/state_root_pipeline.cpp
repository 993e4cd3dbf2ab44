#include "vcc/vm/state_root_pipeline.hpp"

#include <cstring>

namespace vcc::vm {

StateRootPipeline::StateRootPipeline(Machine& machine) : machine_(machine), worker_([this] { work(); }) {}

StateRootPipeline::~StateRootPipeline() {
  finish();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

std::optional<StateRootPipeline::Root> StateRootPipeline::capture() {
  std::optional<Root> previous = finish();
  // The worker is idle: the snapshot fields are ours until pending_ is set.
  packed_ = packState(machine_, Hash{});  // memoryRoot (kMemoryRootOffset) is filled in by the worker
  step_ = machine_.state().steps;
  Memory& memory = machine_.memory();
  const std::vector<uint32_t>& dirty = memory.dirtyPages();
  if (dirty.size() > kMaxCopiedPages) {
    // Copying this many pages would double the host memory of the run:
    // hash them in place instead, here, while the machine waits.
    const Hash& memoryRoot = machine_.memoryTree().update(memory);
    std::memcpy(packed_.data() + kMemoryRootOffset, memoryRoot.data(), memoryRoot.size());
    std::lock_guard lock(mutex_);
    result_ = Root{step_, keccak256(packed_)};
    hasResult_ = true;
    return previous;
  }
  pageBytes_.resize(dirty.size() * kPageSize);
  pages_.clear();
  for (size_t i = 0; i < dirty.size(); ++i) {
    uint8_t* copy = pageBytes_.data() + i * kPageSize;
    std::memcpy(copy, memory.pageData(dirty[i]), kPageSize);
    pages_.push_back({dirty[i], copy});
  }
  memory.clearDirty();
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  changed_.notify_all();
  return previous;
}

std::optional<StateRootPipeline::Root> StateRootPipeline::finish() {
  std::unique_lock lock(mutex_);
  if (!pending_ && !hasResult_) return std::nullopt;
  changed_.wait(lock, [this] { return !pending_; });
  hasResult_ = false;
  return result_;
}

void StateRootPipeline::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return pending_ || stopping_; });
    if (stopping_ && !pending_) return;
    lock.unlock();
    const Hash& memoryRoot = machine_.memoryTree().update(pages_);
    std::memcpy(packed_.data() + kMemoryRootOffset, memoryRoot.data(), memoryRoot.size());
    Root root{step_, keccak256(packed_)};
    lock.lock();
    result_ = root;
    hasResult_ = true;
    pending_ = false;
    changed_.notify_all();
  }
}

}  // namespace vcc::vm
