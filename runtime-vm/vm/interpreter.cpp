// The fast interpreter: threaded dispatch (computed goto) over pre-decoded
// pages, with the register file in a local array and the step budget kept as
// a count-down. The instruction semantics come from instructions.inc.
#include <bit>
#include <cstring>
#include <type_traits>

#include "arithmetic.hpp"
#include "decode.hpp"
#include "machine_internal.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::vm {

static_assert(std::endian::native == std::endian::little, "guest memory is accessed in host byte order");

StopReason Interpreter::run(Machine& machine, uint64_t stepLimit) {
  MachineState& state = machine.state_;
  if (state.status == RunStatus::Exited) return StopReason::Exited;
  if (state.status == RunStatus::Trapped) return StopReason::Trapped;
  if (state.steps >= stepLimit) return StopReason::StepLimit;
  if (state.pc & 3) {
    // Only a state set from outside can hold such a pc (jumps check their
    // targets): the fetch traps, as in step.hpp.
    ++state.steps;
    machine.raiseTrap(TrapKind::MisalignedFetch, state.pc, state.pc);
    return StopReason::Trapped;
  }

  uint64_t regs[33];
  std::memcpy(regs, state.x.data(), sizeof(uint64_t) * 32);
  regs[0] = 0;
  regs[kDiscardRegister] = 0;
  uint64_t pc = state.pc;
  const uint64_t budget = stepLimit - state.steps;
  uint64_t fuel = budget;  // instructions that may still be started
  uint8_t* const* const pages = machine.memory_.pageTable();
  const uint8_t* const pageFlags = machine.memory_.flagTable();
  DecodedPage* const* const decodedPages = machine.decodedPages_.get();
  const DecodedOp* op = nullptr;
  StopReason reason = StopReason::StepLimit;

  static const void* const kLabels[] = {
#define VCC_VM_LABEL(name) &&op_##name,
      VCC_VM_OPERATIONS(VCC_VM_LABEL)
#undef VCC_VM_LABEL
  };

#define DISPATCH()                                                                             \
  do {                                                                                         \
    if (fuel == 0) goto stop_at_limit;                                                         \
    --fuel;                                                                                    \
    goto* kLabels[static_cast<unsigned>(op->kind)];                                            \
  } while (0)
#define VCC_OP(name) op_##name:
#define RS1 regs[op->rs1]
#define RS2 regs[op->rs2]
#define IMM static_cast<int64_t>(op->imm)
#define SET_RD(value) (regs[op->rd] = (value))
#define PC pc
#define NEXT()                                                                                 \
  do {                                                                                         \
    pc += 4;                                                                                   \
    ++op;                                                                                      \
    DISPATCH();                                                                                \
  } while (0)
#define JUMP(target)                                                                           \
  do {                                                                                         \
    pc = (target);                                                                             \
    goto enter;                                                                                \
  } while (0)
#define TRAP(kind, value)                                                                      \
  do {                                                                                         \
    machine.raiseTrap(kind, pc, value);                                                        \
    goto stop_trapped;                                                                         \
  } while (0)
#define LOAD(T, address) loadFrom<T>(pages, address)
#define STORE(T, address, value)                                                               \
  do {                                                                                         \
    uint64_t pageIndex_ = (address) >> kPageShift;                                             \
    if (pageFlags[pageIndex_] == Memory::kFastWritable) [[likely]] {                           \
      T value_ = (value);                                                                      \
      std::memcpy(pages[pageIndex_] + ((address) & (kPageSize - 1)), &value_, sizeof(T));      \
    } else {                                                                                   \
      if (!machine.storeSlowPath(address, static_cast<uint64_t>(value), sizeof(T)))            \
        goto stop_at_memory_limit;                                                             \
    }                                                                                          \
  } while (0)
#define ECALL()                                                                                \
  do {                                                                                         \
    std::memcpy(state.x.data(), regs, sizeof(uint64_t) * 32);                                  \
    state.pc = pc;                                                                             \
    SyscallOutcome outcome = machine.systemCall();                                             \
    regs[10] = state.x[10];                                                                    \
    if (outcome == SyscallOutcome::Trapped) goto stop_trapped;                                 \
    if (outcome == SyscallOutcome::MemoryLimit) goto stop_at_memory_limit;                     \
    if (outcome == SyscallOutcome::MissingData) goto stop_at_missing_data;                     \
    if (outcome == SyscallOutcome::Exited) {                                                   \
      pc += 4;                                                                                 \
      reason = StopReason::Exited;                                                             \
      goto stop;                                                                               \
    }                                                                                          \
    NEXT();                                                                                    \
  } while (0)
#define PAGE_END()                                                                             \
  do {                                                                                         \
    ++fuel; /* the sentinel is not an instruction */                                           \
    goto enter;                                                                                \
  } while (0)

enter:
  // Continue at pc: the common case is a decoded page in range.
  if (pc - kNullGuardEnd < kMemorySize - kNullGuardEnd) [[likely]] {
    const DecodedPage* page = decodedPages[pc >> kPageShift];
    if (page == nullptr) page = machine.decodedPage(pc >> kPageShift);
    op = &page->ops[(pc & (kPageSize - 1)) >> 2];
    DISPATCH();
  }
  // A fetch outside memory is a step of its own, like every trap.
  if (fuel == 0) goto stop_at_limit;
  --fuel;
  machine.raiseTrap(TrapKind::FetchFault, pc, pc);
  goto stop_trapped;

#include "instructions.inc"

stop_at_limit:
  reason = StopReason::StepLimit;
  goto stop;
stop_at_memory_limit:
  // The instruction did not happen: it is not counted and pc stays on it.
  ++fuel;
  reason = StopReason::MemoryLimit;
  goto stop;
stop_at_missing_data:
  ++fuel;
  reason = StopReason::MissingData;
  goto stop;
stop_trapped:
  reason = StopReason::Trapped;
stop:
  std::memcpy(state.x.data(), regs, sizeof(uint64_t) * 32);
  state.pc = pc;
  state.steps += budget - fuel;
  return reason;

#undef DISPATCH
#undef VCC_OP
#undef RS1
#undef RS2
#undef IMM
#undef SET_RD
#undef PC
#undef NEXT
#undef JUMP
#undef TRAP
#undef LOAD
#undef STORE
#undef ECALL
#undef PAGE_END
}

}  // namespace vcc::vm
