// The fraud-proof machine: RV64IM registers and pc, guest memory, the step
// counter, the run status, and the request/response streams (SPEC §3).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/elf_loader.hpp"
#include "vcc/vm/keccak.hpp"
#include "vcc/vm/memory.hpp"
#include "vcc/vm/memory_tree.hpp"

namespace vcc::vm {

enum class RunStatus : uint8_t { Running = 0, Exited = 1, Trapped = 2 };

enum class TrapKind : uint8_t {
  None = 0,
  IllegalInstruction = 1,  // also every encoding outside RV64IM
  Breakpoint = 2,          // ebreak
  MisalignedFetch = 3,     // jump or branch to an address that is not 4-byte aligned
  FetchFault = 4,          // pc outside [0x10000, 2^32)
  MisalignedLoad = 5,
  LoadFault = 6,
  MisalignedStore = 7,
  StoreFault = 8,
  UnknownSyscall = 9,
};

std::string_view trapKindName(TrapKind kind);
std::string_view runStatusName(RunStatus status);

struct Trap {
  TrapKind kind = TrapKind::None;
  uint64_t pc = 0;     // the instruction that trapped
  uint64_t value = 0;  // faulting address, instruction bits or system-call number
};

struct MachineState {
  std::array<uint64_t, 32> x{};  // x[0] is always zero
  uint64_t pc = 0;
  uint64_t steps = 0;  // steps taken: every executed instruction, a trapping one included
  RunStatus status = RunStatus::Running;
  uint64_t exitCode = 0;  // a0 of exit/exit_group
  Trap trap;
};

// Why run() returned.
// StepLimit and MemoryLimit are host limits, not guest outcomes: the state
// is the one before the instruction that would have exceeded them, and run()
// continues from it once the limit is raised.
// MissingData: a data-oracle call named a blob the host does not have
// (SPEC §3.4); never visible to the guest, the run has no result.
enum class StopReason : uint8_t { Exited, Trapped, StepLimit, MemoryLimit, MissingData };

struct DecodedPage;
enum class SyscallOutcome : uint8_t;

class Machine {
public:
  Machine();
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // Loads a static ELF into fresh memory and points pc at its entry and sp
  // at kInitialStackPointer. On failure the machine is unchanged.
  ElfLoadResult load(std::span<const uint8_t> elfFile);

  // Binds the request served on fd 0: the state records its data root
  // (docs/data-roots.md) and a read offset of 0. Before binding, the request
  // root is zero (the absolute prestate whose root is the programHash) and
  // fd 0 reads nothing.
  void bindRequest(std::vector<uint8_t> request);
  // Moves the request's read offset: for tools that construct a state to
  // prove a step from (tests); a run never needs it.
  void seekRequest(uint64_t offset) { requestOffset_ = offset; }
  // The data oracle's blobs, by data root. A call naming a blob the store
  // does not have (or any blob, without a store) stops the run with
  // StopReason::MissingData.
  void setBlobStore(BlobStore* store) { blobStore_ = store; }
  // The bytes of the data named `root`: the request or a blob; null when
  // the host has neither.
  const std::vector<uint8_t>* findData(const Hash& root) const;

  // Runs until the guest exits or traps, or until state().steps reaches
  // stepLimit, or until a host condition (memory limit, missing data).
  // Calling it again continues where it stopped.
  StopReason run(uint64_t stepLimit);

  // Host memory for guest pages, in bytes (rounded down to pages; at least
  // what is allocated now). An instruction or system call that needs a new
  // page beyond it stops the run with StopReason::MemoryLimit before it
  // takes effect. The default is the whole 4 GiB address space.
  void setMemoryLimit(uint64_t bytes);

  const MachineState& state() const { return state_; }
  MachineState& mutableState() { return state_; }
  Memory& memory() { return memory_; }
  const Memory& memory() const { return memory_; }
  std::span<const uint8_t> request() const { return request_; }
  uint64_t requestOffset() const { return requestOffset_; }
  std::span<const uint8_t> response() const { return response_; }
  std::span<const uint8_t> debugLog() const { return debugLog_; }
  const Hash& requestRoot() const { return requestRoot_; }
  // keccak chain over the response's complete 32-byte blocks (see state.hpp).
  const Hash& responseChain() const { return responseChain_; }

  // Commits to memory (re-hashing the pages written since the last call)
  // and returns keccak256 of the packed state (state.hpp).
  Hash stateRoot();
  const Hash& memoryRoot() { return memoryTree_.update(memory_); }
  // The tree behind memoryRoot(), for StateRootPipeline, which updates it
  // from snapshots on its own thread (no stateRoot() while it does).
  MemoryTree& memoryTree() { return memoryTree_; }

private:
  friend struct Interpreter;
  friend struct MachineAccess;
  friend class ProofRecorder;
  friend struct SnapshotAccess;

  const DecodedPage* decodedPage(uint64_t pageIndex);
  // False, with nothing stored, when the store needs a page beyond the limit.
  bool storeSlowPath(uint64_t address, uint64_t value, unsigned size);
  void redecode(uint64_t address, uint64_t size);
  bool copyToGuest(uint64_t address, std::span<const uint8_t> bytes);
  void appendResponse(std::span<const uint8_t> bytes);
  void appendDebugLog(uint64_t address, uint64_t size);
  SyscallOutcome systemCall();
  void raiseTrap(TrapKind kind, uint64_t pc, uint64_t value);

  MachineState state_;
  Memory memory_;
  ZeroedArray<DecodedPage*> decodedPages_;  // kPageCount entries, null until executed
  std::vector<std::unique_ptr<DecodedPage>> decodedStorage_;
  MemoryTree memoryTree_;
  std::vector<uint8_t> request_;
  Hash requestRoot_{};
  uint64_t requestOffset_ = 0;
  std::vector<uint8_t> response_;
  Hash responseChain_{};
  std::vector<uint8_t> debugLog_;
  BlobStore* blobStore_ = nullptr;
};

}  // namespace vcc::vm
