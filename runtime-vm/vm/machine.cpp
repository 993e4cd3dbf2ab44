#include "vcc/vm/machine.hpp"

#include <algorithm>
#include <cstring>

#include "decode.hpp"
#include "machine_internal.hpp"
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
  requestHash_ = keccak256(request_);
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

const std::vector<uint8_t>* Machine::oracleBlob() const {
  if (blobStore_ == nullptr) return nullptr;
  Hash key;
  for (unsigned word = 0; word < 4; ++word)
    for (unsigned byte = 0; byte < 8; ++byte) key[8 * word + byte] = static_cast<uint8_t>(state_.x[10 + word] >> (8 * byte));
  return blobStore_->find(key);
}

SyscallOutcome Machine::systemCall() {
  uint64_t* x = state_.x.data();
  const uint64_t number = x[17];
  const uint64_t fd = x[10], buffer = x[11], count = x[12];
  // One call moves at most the bytes up to the end of the buffer's 32-byte leaf.
  const uint64_t leafRoom = kLeafSize - (buffer & (kLeafSize - 1));
  switch (number) {
  case syscall::kRead: {
    if (fd != syscall::kFdRequest) {
      x[10] = static_cast<uint64_t>(syscall::kErrorBadFd);
      return SyscallOutcome::Continue;
    }
    uint64_t n = std::min({count, leafRoom, request_.size() - requestOffset_});
    if (n != 0 && isAccessible(buffer, n) && !memory_.canWrite(buffer, n)) return SyscallOutcome::MemoryLimit;
    if (n == 0) {
      x[10] = 0;
    } else if (!copyToGuest(buffer, std::span(request_).subspan(requestOffset_, n))) {
      x[10] = static_cast<uint64_t>(syscall::kErrorFault);
    } else {
      requestOffset_ += n;
      x[10] = n;
    }
    return SyscallOutcome::Continue;
  }
  case syscall::kWrite: {
    std::vector<uint8_t>* stream = fd == syscall::kFdResponse   ? &response_
                                   : fd == syscall::kFdDebugLog ? &debugLog_
                                                                : nullptr;
    if (stream == nullptr) {
      x[10] = static_cast<uint64_t>(syscall::kErrorBadFd);
      return SyscallOutcome::Continue;
    }
    uint64_t n = std::min(count, leafRoom);
    uint8_t bytes[kLeafSize];
    if (n == 0) {
      x[10] = 0;
    } else if (!memory_.read(buffer, std::span(bytes, n))) {
      x[10] = static_cast<uint64_t>(syscall::kErrorFault);
    } else if (stream->size() + n > syscall::kMaxStreamBytes) {
      x[10] = static_cast<uint64_t>(syscall::kErrorFileTooBig);
    } else {
      if (stream == &response_) {
        appendResponse(std::span(bytes, n));
      } else {
        stream->insert(stream->end(), bytes, bytes + n);
      }
      x[10] = n;
    }
    return SyscallOutcome::Continue;
  }
  case syscall::kOracleSize: {
    const std::vector<uint8_t>* blob = oracleBlob();
    x[10] = blob ? blob->size() : static_cast<uint64_t>(syscall::kErrorNoEntry);
    return SyscallOutcome::Continue;
  }
  case syscall::kOracleRead: {
    const std::vector<uint8_t>* blob = oracleBlob();
    const uint64_t offset = x[14], destination = x[15];
    const uint64_t room = kLeafSize - (destination & (kLeafSize - 1));
    if (blob == nullptr) {
      x[10] = static_cast<uint64_t>(syscall::kErrorNoEntry);
    } else if (offset >= blob->size()) {
      x[10] = 0;
    } else {
      uint64_t n = std::min(room, blob->size() - offset);
      if (isAccessible(destination, n) && !memory_.canWrite(destination, n)) return SyscallOutcome::MemoryLimit;
      x[10] = copyToGuest(destination, std::span(*blob).subspan(offset, n))
                  ? n
                  : static_cast<uint64_t>(syscall::kErrorFault);
    }
    return SyscallOutcome::Continue;
  }
  case syscall::kExit:
  case syscall::kExitGroup:
    state_.status = RunStatus::Exited;
    state_.exitCode = x[10];
    return SyscallOutcome::Exited;
  default:
    raiseTrap(TrapKind::UnknownSyscall, state_.pc, number);
    return SyscallOutcome::Trapped;
  }
}

}  // namespace vcc::vm
