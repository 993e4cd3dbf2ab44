// State roots at checkpoints, hashed on a second thread while the machine
// runs on. capture() snapshots the machine (its packed state and the pages
// written since the previous capture, copied) and hands the snapshot to a
// worker that updates the machine's memory tree from it and hashes the
// state; the machine goes on executing meanwhile. One snapshot is in flight
// at a time: capture() first waits for the previous one's root. The roots
// are exactly Machine::stateRoot()'s at the same steps (docs/vm.md).
//
// While a snapshot is in flight, the machine's memory tree belongs to the
// worker: call finish() before Machine::stateRoot() or memoryRoot().
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "vcc/vm/machine.hpp"
#include "vcc/vm/state.hpp"

namespace vcc::vm {

class StateRootPipeline {
public:
  struct Root {
    uint64_t step;
    Hash stateRoot;
  };

  explicit StateRootPipeline(Machine& machine);
  ~StateRootPipeline();  // finishes the snapshot in flight
  StateRootPipeline(const StateRootPipeline&) = delete;
  StateRootPipeline& operator=(const StateRootPipeline&) = delete;

  // Snapshots the machine now and starts hashing it; returns the previous
  // snapshot's root (nullopt at the first capture).
  std::optional<Root> capture();
  // Waits for the snapshot in flight and returns its root; nullopt if none.
  std::optional<Root> finish();

  // A capture with more pages written since the previous one than this is
  // hashed in place, on the caller's thread, rather than copied: the copy
  // is what bounds the pipeline's own memory (64 MiB).
  static constexpr size_t kMaxCopiedPages = 16384;

private:
  void work();

  Machine& machine_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool pending_ = false;    // a snapshot waits for or is in the worker
  bool hasResult_ = false;  // result_ is a root not yet returned
  bool stopping_ = false;
  // The snapshot in flight (written by capture() only while !pending_).
  PackedState packed_{};
  uint64_t step_ = 0;
  std::vector<uint8_t> pageBytes_;
  std::vector<MemoryTree::PageContents> pages_;
  Root result_{};
  std::thread worker_;  // last: started after the fields above exist
};

}  // namespace vcc::vm
