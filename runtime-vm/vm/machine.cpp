#include "vcc/vm/machine.hpp"

#include <algorithm>
#include <cstring>

#include "decode.hpp"
#include "machine_internal.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/state.hpp"
#include "vcc/vm/syscalls.hpp"

namespace vcc::vm {

std::string_view trapKindName(TrapKind kind) {
  switch (kind) {
  case TrapKind::None: return "none";
  case TrapKind::IllegalInstruction: return "illegal-instruction";
  case TrapKind::Breakpoint: return "breakpoint";
  case TrapKind::MisalignedFetch: return "misaligned-fetch";
  case TrapKind::FetchFault: return "fetch-fault";
  case TrapKind::MisalignedLoad: return "misaligned-load";
  case TrapKind::LoadFault: return "load-fault";
  case TrapKind::MisalignedStore: return "misaligned-store";
  case TrapKind::StoreFault: return "store-fault";
  case TrapKind::UnknownSyscall: return "unknown-syscall";
  }
  return "unknown";
}

std::string_view runStatusName(RunStatus status) {
  switch (status) {
  case RunStatus::Running: return "running";
  case RunStatus::Exited: return "exited";
  case RunStatus::Trapped: return "trapped";
  }
  return "unknown";
}

Machine::Machine() : decodedPages_(allocateZeroed<DecodedPage*>(kPageCount)) {}
Machine::~Machine() = default;

ElfLoadResult Machine::load(std::span<const uint8_t> elfFile) {
  if (memory_.allocatedPages() != 0) {
    ElfLoadResult result;
    result.error = "machine already holds an image";
    return result;
  }
  ElfLoadResult result = loadElf(elfFile, memory_);
  if (!result.ok()) return result;
  state_ = MachineState{};
  state_.pc = result.image.entry;
  state_.x[2] = kInitialStackPointer;
  return result;
}

StopReason Machine::run(uint64_t stepLimit) { return Interpreter::run(*this, stepLimit); }

void Machine::bindRequest(std::vector<uint8_t> request) {
  request_ = std::move(request);
  requestRoot_ = dataRoot(request_);
  requestOffset_ = 0;
}

Hash Machine::stateRoot() {
  PackedState packed = packState(*this, memoryTree_.update(memory_));
  return keccak256(packed);
}

void Machine::appendResponse(std::span<const uint8_t> bytes) {
  for (uint8_t byte : bytes) {
    response_.push_back(byte);
    if (response_.size() % kLeafSize == 0) {
      Hash block;
      std::memcpy(block.data(), response_.data() + response_.size() - kLeafSize, kLeafSize);
      responseChain_ = keccak256Pair(responseChain_, block);
    }
  }
}

void Machine::appendDebugLog(uint64_t address, uint64_t size) {
  // The log is not part of the state: past its bound it is cut, silently.
  if (debugLog_.size() + size > syscall::kMaxStreamBytes) return;
  uint8_t bytes[kLeafSize];
  memory_.read(address, std::span<uint8_t>(bytes, size));
  debugLog_.insert(debugLog_.end(), bytes, bytes + size);
}

const DecodedPage* Machine::decodedPage(uint64_t pageIndex) {
  if (decodedStorage_.size() >= kMaxDecodedPages) {
    // Guests that execute from very many pages: start the cache afresh.
    // Safe here because no decoded operation is in use while a page is fetched.
    for (size_t page = 0; page < kPageCount; ++page) {
      if (decodedPages_[page] != nullptr) memory_.clearHoldsCode(page);
    }
    std::fill(decodedPages_.get(), decodedPages_.get() + kPageCount, nullptr);
    decodedStorage_.clear();
  }
  auto page = std::make_unique<DecodedPage>();
  const uint8_t* bytes = memory_.pageData(pageIndex);
  for (unsigned i = 0; i < kOpsPerPage; ++i) {
    uint32_t word;
    std::memcpy(&word, bytes + 4 * i, 4);
    page->ops[i] = decode(word);
  }
  page->ops[kOpsPerPage] = DecodedOp{Operation::PageEnd, kDiscardRegister, 0, 0, 0};
  memory_.setHoldsCode(pageIndex);
  decodedPages_[pageIndex] = page.get();
  decodedStorage_.push_back(std::move(page));
  return decodedPages_[pageIndex];
}

void Machine::redecode(uint64_t address, uint64_t size) {
  for (uint64_t word = address & ~uint64_t{3}; word < address + size; word += 4) {
    uint64_t pageIndex = word >> kPageShift;
    DecodedPage* page = decodedPages_[pageIndex];
    if (page == nullptr) continue;
    uint32_t bits;
    std::memcpy(&bits, memory_.pageData(pageIndex) + (word & (kPageSize - 1)), 4);
    page->ops[(word & (kPageSize - 1)) >> 2] = decode(bits);
  }
}

void Machine::setMemoryLimit(uint64_t bytes) {
  memory_.setPageLimit(std::max<uint64_t>(bytes >> kPageShift, memory_.allocatedPages()));
}

bool Machine::storeSlowPath(uint64_t address, uint64_t value, unsigned size) {
  uint64_t pageIndex = address >> kPageShift;
  if (!memory_.allocated(pageIndex) && memory_.allocatedPages() >= memory_.pageLimit()) return false;
  uint8_t* page = memory_.writablePage(pageIndex);
  std::memcpy(page + (address & (kPageSize - 1)), &value, size);  // little-endian host
  if (memory_.flags(pageIndex) & Memory::kHoldsCode) redecode(address, size);
  return true;
}

bool Machine::copyToGuest(uint64_t address, std::span<const uint8_t> bytes) {
  if (!memory_.write(address, bytes)) return false;
  redecode(address, bytes.size());
  return true;
}

void Machine::raiseTrap(TrapKind kind, uint64_t pc, uint64_t value) {
  state_.status = RunStatus::Trapped;
  state_.pc = pc;
  state_.trap = Trap{kind, pc, value};
}

const std::vector<uint8_t>* Machine::findData(const Hash& root) const {
  if (root == requestRoot_ && root != Hash{}) return &request_;
  return blobStore_ != nullptr ? blobStore_->find(root) : nullptr;
}

// The machine's own state, for the shared system-call semantics.
struct MachineAccess {
  Machine& machine;

  const Hash& requestRoot() const { return machine.requestRoot_; }
  uint64_t requestOffset() const { return machine.requestOffset_; }
  void setRequestOffset(uint64_t offset) { machine.requestOffset_ = offset; }
  std::optional<uint64_t> dataLength(const Hash& root) const {
    const std::vector<uint8_t>* data = machine.findData(root);
    if (data == nullptr) return std::nullopt;
    return data->size();
  }
  Hash dataChunk(const Hash& root, uint64_t, uint64_t index) const {
    return vm::dataChunk(*machine.findData(root), index);
  }
  bool canWrite(uint64_t address, uint64_t size) const { return machine.memory_.canWrite(address, size); }
  void writeMemory(uint64_t address, std::span<const uint8_t> bytes) { machine.copyToGuest(address, bytes); }
  void readMemory(uint64_t address, std::span<uint8_t> out) const { machine.memory_.read(address, out); }
  uint64_t responseLength() const { return machine.response_.size(); }
  void appendResponse(std::span<const uint8_t> bytes) { machine.appendResponse(bytes); }
  void debugLog(uint64_t address, uint64_t size) { machine.appendDebugLog(address, size); }
};

SyscallOutcome Machine::systemCall() {
  MachineAccess access{*this};
  return vm::systemCall(access, state_);
}

}  // namespace vcc::vm
