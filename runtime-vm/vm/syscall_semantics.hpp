// The system calls (SPEC §3.2, §3.4, docs/vm.md), written once and
// instantiated for every way of reaching the state (STYLE.md, Cartesi's
// i_state_access): the machine itself (the interpreter), the proof recorder
// and the proof verifier (proof.cpp). `Access` provides
//
//   const Hash& requestRoot()                  zero when no request is bound
//   uint64_t requestOffset(); void setRequestOffset(uint64_t)
//   std::optional<uint64_t> dataLength(const Hash& root)
//                                              null: the host does not have the data
//   Hash dataChunk(const Hash& root, uint64_t length, uint64_t index)
//   bool canWrite(uint64_t address, uint64_t size)     the host's memory limit
//   void writeMemory(uint64_t address, std::span<const uint8_t> bytes)
//   void readMemory(uint64_t address, std::span<uint8_t> out)
//   uint64_t responseLength(); void appendResponse(std::span<const uint8_t> bytes)
//   void debugLog(uint64_t address, uint64_t size)     not part of the state
//
// Memory transfers lie inside one aligned 32-byte leaf of accessible memory
// and data transfers inside one 32-byte chunk, so that a step's proof holds
// at most one memory leaf and one data chunk.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

#include "vcc/vm/keccak.hpp"
#include "vcc/vm/layout.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/syscalls.hpp"

namespace vcc::vm {

// Continue, Exited and Trapped are guest outcomes. MemoryLimit and
// MissingData are host conditions: the call did nothing and the step is
// not taken (pc stays, the step is not counted).
enum class SyscallOutcome : uint8_t { Continue, Exited, Trapped, MemoryLimit, MissingData };

// Bytes from `address` to the end of its 32-byte leaf (or chunk).
constexpr uint64_t leafRoom(uint64_t address) { return kLeafSize - (address & (kLeafSize - 1)); }

// Copies up to `limit` bytes of the data named `root` from `offset` into
// guest memory at `destination`: the shared core of read(0) and
// oracle_read. The result goes to a0; the outcome says whether to go on.
template <class Access>
SyscallOutcome copyDataToGuest(Access& access, const Hash& root, uint64_t offset, uint64_t destination,
                               uint64_t limit, uint64_t& result, uint64_t* newOffset) {
  std::optional<uint64_t> length = access.dataLength(root);
  if (!length) return SyscallOutcome::MissingData;
  if (offset >= *length) {
    result = 0;
    return SyscallOutcome::Continue;
  }
  uint64_t n = std::min({limit, leafRoom(destination), leafRoom(offset), *length - offset});
  if (!isAccessible(destination, n)) {
    result = static_cast<uint64_t>(syscall::kErrorFault);
    return SyscallOutcome::Continue;
  }
  if (!access.canWrite(destination, n)) return SyscallOutcome::MemoryLimit;
  Hash chunk = access.dataChunk(root, *length, offset / kLeafSize);
  access.writeMemory(destination, std::span<const uint8_t>(chunk.data() + offset % kLeafSize, n));
  result = n;
  if (newOffset != nullptr) *newOffset = offset + n;
  return SyscallOutcome::Continue;
}

// Performs the ecall of the instruction at state.pc. On Continue, a0 holds
// the result; on Exited or Trapped the status is set; pc and the step
// counter are the caller's.
template <class Access> SyscallOutcome systemCall(Access& access, MachineState& state) {
  std::array<uint64_t, 32>& x = state.x;
  const uint64_t number = x[17];
  const uint64_t fd = x[10], buffer = x[11], count = x[12];
  switch (number) {
  case syscall::kRead: {
    uint64_t result = 0;
    if (fd != syscall::kFdRequest) {
      result = static_cast<uint64_t>(syscall::kErrorBadFd);
    } else if (count != 0 && access.requestRoot() != Hash{}) {
      uint64_t offset = access.requestOffset();
      SyscallOutcome outcome = copyDataToGuest(access, access.requestRoot(), offset, buffer, count, result, &offset);
      if (outcome != SyscallOutcome::Continue) return outcome;
      access.setRequestOffset(offset);
    }
    x[10] = result;
    return SyscallOutcome::Continue;
  }
  case syscall::kWrite: {
    uint64_t n = std::min(count, leafRoom(buffer));
    if (fd != syscall::kFdResponse && fd != syscall::kFdDebugLog) {
      x[10] = static_cast<uint64_t>(syscall::kErrorBadFd);
    } else if (n == 0) {
      x[10] = 0;
    } else if (!isAccessible(buffer, n)) {
      x[10] = static_cast<uint64_t>(syscall::kErrorFault);
    } else if (fd == syscall::kFdDebugLog) {
      access.debugLog(buffer, n);
      x[10] = n;
    } else if (access.responseLength() + n > syscall::kMaxStreamBytes) {
      x[10] = static_cast<uint64_t>(syscall::kErrorFileTooBig);
    } else {
      uint8_t bytes[kLeafSize];
      access.readMemory(buffer, std::span<uint8_t>(bytes, n));
      access.appendResponse(std::span<const uint8_t>(bytes, n));
      x[10] = n;
    }
    return SyscallOutcome::Continue;
  }
  case syscall::kOracleSize: {
    std::optional<uint64_t> length = access.dataLength(oracleRootArgument(x));
    if (!length) return SyscallOutcome::MissingData;
    x[10] = *length;
    return SyscallOutcome::Continue;
  }
  case syscall::kOracleRead: {
    uint64_t result = 0;
    SyscallOutcome outcome = copyDataToGuest(access, oracleRootArgument(x), x[14], x[15], kLeafSize, result, nullptr);
    if (outcome != SyscallOutcome::Continue) return outcome;
    x[10] = result;
    return SyscallOutcome::Continue;
  }
  case syscall::kExit:
  case syscall::kExitGroup:
    state.status = RunStatus::Exited;
    state.exitCode = x[10];
    return SyscallOutcome::Exited;
  default:
    state.status = RunStatus::Trapped;
    state.trap = Trap{TrapKind::UnknownSyscall, state.pc, number};
    return SyscallOutcome::Trapped;
  }
}

}  // namespace vcc::vm
