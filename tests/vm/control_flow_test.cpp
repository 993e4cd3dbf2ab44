// Branches and jumps: every condition, link registers, target alignment,
// fetches outside memory, and execution across page boundaries.
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

using BranchEmitter = Assembler& (Assembler::*)(Reg, Reg, int32_t);

struct BranchCase {
  const char* name;
  BranchEmitter emit;
  uint64_t lhs, rhs;
  bool taken;
};

class Branches : public ::testing::TestWithParam<BranchCase> {};

TEST_P(Branches, TakenExactlyWhenConditionHolds) {
  const BranchCase& c = GetParam();
  Assembler code;
  code.li(a1, c.lhs).li(a2, c.rhs).li(a3, 0);
  (code.*c.emit)(a1, a2, 8);  // skip the next instruction when taken
  code.li(a3, 1).exit(0);
  EXPECT_EQ(runToExit(Assembler(code)).reg(a3), c.taken ? 0u : 1u) << c.name;
}

constexpr uint64_t kNeg = ~uint64_t{0};

INSTANTIATE_TEST_SUITE_P(
    Rv64i, Branches,
    ::testing::Values(BranchCase{"beq equal", &Assembler::beq, 5, 5, true},
                      BranchCase{"beq differ", &Assembler::beq, 5, 6, false},
                      BranchCase{"bne differ", &Assembler::bne, 5, 6, true},
                      BranchCase{"bne equal", &Assembler::bne, 5, 5, false},
                      BranchCase{"blt signed", &Assembler::blt, kNeg, 0, true},
                      BranchCase{"blt equal", &Assembler::blt, 3, 3, false},
                      BranchCase{"bge equal", &Assembler::bge, 3, 3, true},
                      BranchCase{"bge signed", &Assembler::bge, kNeg, 0, false},
                      BranchCase{"bltu unsigned", &Assembler::bltu, 0, kNeg, true},
                      BranchCase{"bltu reversed", &Assembler::bltu, kNeg, 0, false},
                      BranchCase{"bgeu unsigned", &Assembler::bgeu, kNeg, 0, true},
                      BranchCase{"bgeu less", &Assembler::bgeu, 0, 1, false}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(Jumps, JalLinksAndJumps) {
  Assembler code;
  code.jal(ra, 8).li(a3, 1);  // skipped
  size_t after = code.here();
  code.addi(a4, zero, 5);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(ra), kCodeBase + 4);
  EXPECT_EQ(out.reg(a3), 0u);
  EXPECT_EQ(out.reg(a4), 5u);
  (void)after;
}

TEST(Jumps, JalrClearsBitZeroAndLinksBeforeOverwrite) {
  // jalr a1, a1, 9: target = (a1 + 9) & ~1, and a1 receives the link only
  // after the target was computed from its old value.
  Assembler code;
  code.auipc(a1, 0);          // a1 = kCodeBase
  code.jalr(a1, a1, 8 + 9);   // at +4, target = kCodeBase + 16
  code.li(a3, 1);             // +8, skipped
  code.li(a3, 2);             // +12, skipped
  code.addi(a4, zero, 7);     // +16
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a1), kCodeBase + 8);
  EXPECT_EQ(out.reg(a3), 0u);
  EXPECT_EQ(out.reg(a4), 7u);
}

TEST(Jumps, BackwardLoopCountsDown) {
  Assembler code;
  code.li(a1, 1000).li(a2, 0);
  code.addi(a2, a2, 3).addi(a1, a1, -1).bne(a1, zero, -8);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a2), 3000u);
}

TEST(Jumps, MisalignedTargetTrapsOnTheJump) {
  Assembler code;
  code.li(a1, 0).jal(ra, 6).exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped);
  EXPECT_EQ(out.state().trap.kind, TrapKind::MisalignedFetch);
  EXPECT_EQ(out.state().trap.pc, kCodeBase + 4);
  EXPECT_EQ(out.state().trap.value, kCodeBase + 10);
  EXPECT_EQ(out.reg(ra), 0u) << "a trapping jump does not link";
  EXPECT_EQ(out.state().steps, 2u);
}

TEST(Jumps, MisalignedBranchTargetTraps) {
  Assembler code;
  code.beq(zero, zero, 6).exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped);
  EXPECT_EQ(out.state().trap.kind, TrapKind::MisalignedFetch);
  EXPECT_EQ(out.state().steps, 1u);
}

TEST(Jumps, JalrToTwoModFourTraps) {
  Assembler code;
  code.li(a1, kCodeBase + 2).jalr(ra, a1, 0).exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped);
  EXPECT_EQ(out.state().trap.kind, TrapKind::MisalignedFetch);
}

TEST(Jumps, JumpOutsideMemoryFaultsAtTarget) {
  for (uint64_t target : {uint64_t{0}, uint64_t{0x8000}, uint64_t{1} << 32, ~uint64_t{3}}) {
    Assembler code;
    code.li(a1, target);
    size_t jumpAt = code.here();
    code.jalr(ra, a1, 0).exit(0);
    Outcome out = run(code);
    ASSERT_EQ(out.reason, StopReason::Trapped) << std::hex << target;
    EXPECT_EQ(out.state().trap.kind, TrapKind::FetchFault);
    EXPECT_EQ(out.state().trap.pc, target);
    EXPECT_EQ(out.state().pc, target);
    EXPECT_NE(out.reg(ra), 0u) << "the jump itself retired";
    EXPECT_EQ(out.state().steps, jumpAt / 4 + 2) << "the jump, then the faulting fetch";
  }
}

TEST(Jumps, ExecutingZeroMemoryIsIllegal) {
  Assembler code;
  code.li(a1, 0x4000'0000).jalr(zero, a1, 0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped);
  EXPECT_EQ(out.state().trap.kind, TrapKind::IllegalInstruction);
  EXPECT_EQ(out.state().trap.pc, 0x4000'0000u);
  EXPECT_EQ(out.state().trap.value, 0u);
}

TEST(Pages, StraightLineCodeCrossesPageBoundaries) {
  Assembler code;
  code.li(a1, 0);
  while (code.here() < 3 * kPageSize) code.addi(a1, a1, 1);
  uint64_t expected = code.words.size() - 1;
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a1), expected);
  EXPECT_EQ(out.state().steps, code.words.size() + 2) << "li a7 and ecall follow the body";
}

}  // namespace
}  // namespace vcc::vm::test
