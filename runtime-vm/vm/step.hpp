// One instruction, from any state: the semantics of instructions.inc and
// syscall_semantics.hpp instantiated for a single step over an `Access`
// that reaches memory (the proof recorder and the proof verifier; the fast
// interpreter includes the same files in its threaded loop). Besides what
// systemCall needs, `Access` provides
//
//   uint32_t fetch(uint64_t pc)               the instruction word (pc aligned and accessible)
//   template <class T> T load(uint64_t address)
//   template <class T> bool store(uint64_t address, T value)  false: the host's memory limit
#pragma once

#include <cstdint>
#include <type_traits>

#include "arithmetic.hpp"
#include "decode.hpp"
#include "syscall_semantics.hpp"
#include "vcc/vm/layout.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::vm {

enum class StepResult : uint8_t {
  Retired,      // the instruction completed; the state moved one step
  Exited,       // it exited (the step counts)
  Trapped,      // it trapped (the step counts)
  Halted,       // the state was already exited or trapped: nothing changed (SPEC §3.5)
  MemoryLimit,  // host conditions: nothing changed
  MissingData,
};

template <class Access> StepResult executeStep(Access& access, MachineState& state) {
  if (state.status != RunStatus::Running) return StepResult::Halted;
  uint64_t regs[33];
  for (unsigned r = 0; r < 32; ++r) regs[r] = state.x[r];
  regs[0] = 0;
  regs[kDiscardRegister] = 0;
  uint64_t pc = state.pc;
  DecodedOp op{};
  StepResult result = StepResult::Retired;

  if (pc & 3) {
    state.trap = Trap{TrapKind::MisalignedFetch, pc, pc};
    goto trapped;
  }
  if (!isAccessible(pc, 4)) {
    state.trap = Trap{TrapKind::FetchFault, pc, pc};
    goto trapped;
  }
  op = decode(access.fetch(pc));

#define VCC_OP(name) case Operation::name:
#define RS1 regs[op.rs1]
#define RS2 regs[op.rs2]
#define IMM static_cast<int64_t>(op.imm)
#define SET_RD(value) (regs[op.rd] = (value))
#define PC pc
#define NEXT()                                                                                 \
  do {                                                                                         \
    pc += 4;                                                                                   \
    goto retired;                                                                              \
  } while (0)
#define JUMP(target)                                                                           \
  do {                                                                                         \
    pc = (target);                                                                             \
    goto retired;                                                                              \
  } while (0)
#define TRAP(kind, value)                                                                      \
  do {                                                                                         \
    state.trap = Trap{kind, pc, value};                                                        \
    goto trapped;                                                                              \
  } while (0)
#define LOAD(T, address) access.template load<T>(address)
#define STORE(T, address, value)                                                               \
  do {                                                                                         \
    if (!access.template store<T>(address, value)) return StepResult::MemoryLimit;             \
  } while (0)
#define ECALL()                                                                                \
  do {                                                                                         \
    MachineState call = state;                                                                 \
    for (unsigned r = 1; r < 32; ++r) call.x[r] = regs[r];                                     \
    call.pc = pc;                                                                              \
    SyscallOutcome outcome = systemCall(access, call);                                         \
    if (outcome == SyscallOutcome::MemoryLimit) return StepResult::MemoryLimit;                \
    if (outcome == SyscallOutcome::MissingData) return StepResult::MissingData;                \
    if (outcome == SyscallOutcome::Trapped) {                                                  \
      state.trap = call.trap;                                                                  \
      goto trapped;                                                                            \
    }                                                                                          \
    regs[10] = call.x[10];                                                                     \
    if (outcome == SyscallOutcome::Exited) {                                                   \
      state.exitCode = call.exitCode;                                                          \
      state.status = RunStatus::Exited;                                                        \
      result = StepResult::Exited;                                                             \
    }                                                                                          \
    NEXT();                                                                                    \
  } while (0)
#define PAGE_END() TRAP(TrapKind::IllegalInstruction, 0) /* decode() never yields it */

  switch (op.kind) {
#include "instructions.inc"
  }
  __builtin_unreachable();

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

retired:
  for (unsigned r = 1; r < 32; ++r) state.x[r] = regs[r];
  state.pc = pc;
  ++state.steps;
  return result;
trapped:
  // A trap counts as a step; pc stays on the instruction and no effect applies.
  state.status = RunStatus::Trapped;
  state.pc = pc;
  ++state.steps;
  return StepResult::Trapped;
}

}  // namespace vcc::vm
