// System calls (SPEC §3.2), step counting and the step limit, ebreak, fence
// and run statuses.
#include "vcc/vm/syscalls.hpp"
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

TEST(Exit, RecordsCodeAndCountsTheEcall) {
  Assembler code;
  code.li(a0, 300).li(a7, 93).ecall();
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.state().status, RunStatus::Exited);
  EXPECT_EQ(out.state().exitCode, 300u);
  EXPECT_EQ(out.state().steps, code.words.size());
}

TEST(Exit, ExitGroupIsExit) {
  Assembler code;
  code.li(a0, 4).syscall(94);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.state().exitCode, 4u);
}

TEST(Exit, RunAfterExitDoesNothing) {
  Assembler code;
  code.exit(1);
  Outcome out = run(code);
  uint64_t steps = out.state().steps;
  EXPECT_EQ(out.machine->run(1000), StopReason::Exited);
  EXPECT_EQ(out.state().steps, steps);
}

TEST(Write, AppendsToResponseUpToTheLeafBoundary) {
  std::vector<uint8_t> data(64);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i);
  Assembler code;
  code.li(a0, 1).li(a1, kDataBase + 30).li(a2, 10).syscall(64).addi(s1, a0, 0);  // 2 bytes: 30, 31
  code.li(a0, 1).li(a1, kDataBase + 32).li(a2, 40).syscall(64).addi(s2, a0, 0);  // 32 bytes
  code.li(a0, 2).li(a1, kDataBase).li(a2, 3).syscall(64).addi(s3, a0, 0);        // debug log
  Outcome out = runToExit(code, data);
  EXPECT_EQ(out.reg(s1), 2u);
  EXPECT_EQ(out.reg(s2), 32u);
  EXPECT_EQ(out.reg(s3), 3u);
  std::vector<uint8_t> expected{30, 31};
  for (uint8_t i = 32; i < 64; ++i) expected.push_back(i);
  EXPECT_EQ(std::vector<uint8_t>(out.machine->response().begin(), out.machine->response().end()), expected);
  EXPECT_EQ(std::vector<uint8_t>(out.machine->debugLog().begin(), out.machine->debugLog().end()),
            (std::vector<uint8_t>{0, 1, 2}));
}

TEST(Write, ErrorsAreReturnedNotTrapped) {
  Assembler code;
  code.li(a0, 3).li(a1, kDataBase).li(a2, 4).syscall(64).addi(s1, a0, 0);  // bad fd
  code.li(a0, 1).li(a1, 0x100).li(a2, 4).syscall(64).addi(s2, a0, 0);     // null guard
  code.li(a0, 1).li(a1, kDataBase).li(a2, 0).syscall(64).addi(s3, a0, 0);  // zero count
  Outcome out = runToExit(code, {1, 2, 3, 4});
  EXPECT_EQ(out.reg(s1), static_cast<uint64_t>(syscall::kErrorBadFd));
  EXPECT_EQ(out.reg(s2), static_cast<uint64_t>(syscall::kErrorFault));
  EXPECT_EQ(out.reg(s3), 0u);
  EXPECT_TRUE(out.machine->response().empty());
}

// A read stops at the end of the buffer's 32-byte leaf and at the end of
// the request's 32-byte chunk, so that its proof holds one of each.
TEST(Read, ServesRequestInLeafAndChunkSizedPiecesThenEof) {
  std::vector<uint8_t> request(50);
  for (size_t i = 0; i < request.size(); ++i) request[i] = static_cast<uint8_t>(0xa0 + i);
  Assembler code;
  code.li(a0, 0).li(a1, kDataBase + 8).li(a2, 100).syscall(63).addi(s1, a0, 0);   // 24: the leaf ends
  code.li(a0, 0).li(a1, kDataBase + 32).li(a2, 100).syscall(63).addi(s2, a0, 0);  // 8: the chunk ends
  code.li(a0, 0).li(a1, kDataBase + 40).li(a2, 100).syscall(63).addi(s5, a0, 0);  // 18 left
  code.li(a0, 0).li(a1, kDataBase + 64).li(a2, 100).syscall(63).addi(s3, a0, 0);  // EOF
  code.li(a0, 5).li(a1, kDataBase).li(a2, 1).syscall(63).addi(s4, a0, 0);         // bad fd
  Assembler full = code;
  full.li(a7, 93).ecall();
  Outcome out = run(full, {}, 128, request);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.reg(s1), 24u);
  EXPECT_EQ(out.reg(s2), 8u);
  EXPECT_EQ(out.reg(s5), 18u);
  EXPECT_EQ(out.reg(s3), 0u);
  EXPECT_EQ(out.reg(s4), static_cast<uint64_t>(syscall::kErrorBadFd));
  EXPECT_EQ(out.machine->requestOffset(), 50u);
  std::vector<uint8_t> memory(50);
  ASSERT_TRUE(out.machine->memory().read(kDataBase + 8, memory));
  EXPECT_EQ(memory, request);
}

TEST(Read, BadBufferIsEfaultAndConsumesNothing) {
  Assembler code;
  code.li(a0, 0).li(a1, 0x10).li(a2, 4).syscall(63).addi(s1, a0, 0).exit(0);
  Outcome withInput = run(code, {}, 0, {1, 2, 3});
  ASSERT_EQ(withInput.reason, StopReason::Exited);
  EXPECT_EQ(withInput.reg(s1), static_cast<uint64_t>(syscall::kErrorFault));
  EXPECT_EQ(withInput.machine->requestOffset(), 0u);
}

TEST(Syscalls, UnknownNumberTraps) {
  Assembler code;
  code.li(a0, 0).syscall(222);  // mmap: not a vcc system call
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped);
  EXPECT_EQ(out.state().trap.kind, TrapKind::UnknownSyscall);
  EXPECT_EQ(out.state().trap.value, 222u);
  EXPECT_EQ(out.state().trap.pc, kCodeBase + code.here() - 4);
  EXPECT_EQ(out.state().steps, code.words.size());
}

TEST(System, EbreakTraps) {
  Assembler code;
  code.addi(a1, zero, 1).ebreak().exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped);
  EXPECT_EQ(out.state().trap.kind, TrapKind::Breakpoint);
  EXPECT_EQ(out.state().trap.pc, kCodeBase + 4);
  EXPECT_EQ(out.state().steps, 2u);
}

TEST(System, FenceIsANoOpThatRetires) {
  Assembler code;
  code.fence().emit(0x8330000f /* fence.tso */).emit(0x0100000f /* pause */).exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.state().steps, code.words.size());
}

TEST(StepLimit, StopsExactlyAndResumes) {
  Assembler code;
  code.li(a1, 0);
  for (int i = 0; i < 100; ++i) code.addi(a1, a1, 1);
  code.exit(0);
  std::vector<uint8_t> elf = buildProgram(code);
  Machine machine;
  ASSERT_TRUE(machine.load(elf).ok());
  EXPECT_EQ(machine.run(0), StopReason::StepLimit);
  EXPECT_EQ(machine.state().steps, 0u);
  EXPECT_EQ(machine.run(11), StopReason::StepLimit);
  EXPECT_EQ(machine.state().steps, 11u);
  EXPECT_EQ(machine.state().x[a1], 10u);
  EXPECT_EQ(machine.state().pc, kCodeBase + 44);
  for (uint64_t limit = 12; limit < 60; ++limit) {
    EXPECT_EQ(machine.run(limit), StopReason::StepLimit);
    EXPECT_EQ(machine.state().steps, limit);
  }
  EXPECT_EQ(machine.run(1'000), StopReason::Exited);
  EXPECT_EQ(machine.state().steps, code.words.size());
  EXPECT_EQ(machine.state().x[a1], 100u);
}

TEST(StepLimit, InfiniteLoopEndsAtTheLimit) {
  Assembler code;
  code.jal(zero, 0);
  Outcome out = run(code, {}, 0, {}, 5'000'000);
  EXPECT_EQ(out.reason, StopReason::StepLimit);
  EXPECT_EQ(out.state().steps, 5'000'000u);
  EXPECT_EQ(out.state().status, RunStatus::Running);
}

TEST(InitialState, StackPointerAndEntry) {
  Assembler code;
  code.addi(a1, sp, 0).ld(a2, sp, 0).ld(a3, sp, 56).exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.reg(a1), kInitialStackPointer);
  EXPECT_EQ(out.reg(a2), 0u);
  EXPECT_EQ(out.reg(a3), 0u);
}

}  // namespace
}  // namespace vcc::vm::test
