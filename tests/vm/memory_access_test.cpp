// Loads and stores: widths, sign extension, the accessible range, the null
// guard, alignment traps, zero-filled memory and self-modifying code.
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

std::vector<uint8_t> pattern() {
  return {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
}

TEST(Loads, SignAndZeroExtension) {
  Assembler code;
  code.li(s0, kDataBase)
      .lb(a1, s0, 0).lbu(a2, s0, 0).lh(a3, s0, 0).lhu(a4, s0, 0)
      .lw(a5, s0, 0).lwu(a6, s0, 0).ld(t0, s0, 0).ld(t1, s0, 8);
  Outcome out = runToExit(code, pattern());
  EXPECT_EQ(out.reg(a1), 0xffffffffffffff81ull);
  EXPECT_EQ(out.reg(a2), 0x81u);
  EXPECT_EQ(out.reg(a3), 0xffffffffffff8281ull);
  EXPECT_EQ(out.reg(a4), 0x8281u);
  EXPECT_EQ(out.reg(a5), 0xffffffff84838281ull);
  EXPECT_EQ(out.reg(a6), 0x84838281u);
  EXPECT_EQ(out.reg(t0), 0x8887868584838281ull);
  EXPECT_EQ(out.reg(t1), 0x0807060504030201ull);
}

TEST(Stores, WidthsAndLittleEndianOrder) {
  Assembler code;
  code.li(s0, kDataBase).li(a1, 0x1122334455667788ull)
      .sd(a1, s0, 0).sw(a1, s0, 8).sh(a1, s0, 12).sb(a1, s0, 14)
      .ld(a2, s0, 0).lwu(a3, s0, 8).lhu(a4, s0, 12).lbu(a5, s0, 14).lbu(a6, s0, 15);
  Outcome out = runToExit(code, {}, 64);
  EXPECT_EQ(out.reg(a2), 0x1122334455667788ull);
  EXPECT_EQ(out.reg(a3), 0x55667788u);
  EXPECT_EQ(out.reg(a4), 0x7788u);
  EXPECT_EQ(out.reg(a5), 0x88u);
  EXPECT_EQ(out.reg(a6), 0u);
  uint8_t bytes[8];
  ASSERT_TRUE(out.machine->memory().read(kDataBase, bytes));
  EXPECT_EQ(bytes[0], 0x88);
  EXPECT_EQ(bytes[7], 0x11);
}

TEST(Loads, UnwrittenMemoryReadsZero) {
  Assembler code;
  code.li(s0, 0x7000'0000).ld(a1, s0, 0).li(s1, 0xffff'fff8).ld(a2, s1, 0);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a1), 0u);
  EXPECT_EQ(out.reg(a2), 0u);
}

TEST(Stores, HighestDoublewordIsWritable) {
  Assembler code;
  code.li(s0, 0xffff'fff8).li(a1, 0xdead).sd(a1, s0, 0).ld(a2, s0, 0);
  EXPECT_EQ(runToExit(code).reg(a2), 0xdeadu);
}

struct TrapCase {
  const char* name;
  uint64_t base;
  int32_t offset;
  bool store;
  unsigned width;  // 1, 2, 4, 8
  TrapKind expected;
};

class AccessTraps : public ::testing::TestWithParam<TrapCase> {};

TEST_P(AccessTraps, TrapWithoutRetiring) {
  const TrapCase& c = GetParam();
  Assembler code;
  code.li(s0, c.base).li(a1, 0x55);
  size_t trapAt = code.here();
  if (c.store) {
    if (c.width == 1) code.sb(a1, s0, c.offset);
    if (c.width == 2) code.sh(a1, s0, c.offset);
    if (c.width == 4) code.sw(a1, s0, c.offset);
    if (c.width == 8) code.sd(a1, s0, c.offset);
  } else {
    if (c.width == 1) code.lb(a2, s0, c.offset);
    if (c.width == 2) code.lh(a2, s0, c.offset);
    if (c.width == 4) code.lw(a2, s0, c.offset);
    if (c.width == 8) code.ld(a2, s0, c.offset);
  }
  code.exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped) << c.name;
  EXPECT_EQ(out.state().status, RunStatus::Trapped);
  EXPECT_EQ(out.state().trap.kind, c.expected) << c.name;
  EXPECT_EQ(out.state().trap.pc, kCodeBase + trapAt);
  EXPECT_EQ(out.state().pc, kCodeBase + trapAt);
  EXPECT_EQ(out.state().trap.value, c.base + static_cast<uint64_t>(static_cast<int64_t>(c.offset)));
  EXPECT_EQ(out.state().steps, trapAt / 4 + 1) << "the trap is a step of its own";
  EXPECT_EQ(out.reg(a2), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Memory, AccessTraps,
    ::testing::Values(
        TrapCase{"misaligned halfword load", kDataBase, 1, false, 2, TrapKind::MisalignedLoad},
        TrapCase{"misaligned word load", kDataBase, 2, false, 4, TrapKind::MisalignedLoad},
        TrapCase{"misaligned doubleword load", kDataBase, 4, false, 8, TrapKind::MisalignedLoad},
        TrapCase{"misaligned halfword store", kDataBase, 3, true, 2, TrapKind::MisalignedStore},
        TrapCase{"misaligned doubleword store", kDataBase, 12, true, 8, TrapKind::MisalignedStore},
        TrapCase{"null load", 0, 0, false, 8, TrapKind::LoadFault},
        TrapCase{"null guard top byte load", 0xffff, 0, false, 1, TrapKind::LoadFault},
        TrapCase{"null guard store", 0x1000, 0, true, 4, TrapKind::StoreFault},
        TrapCase{"load past 4 GiB", 0x1'0000'0000ull, 0, false, 8, TrapKind::LoadFault},
        TrapCase{"store past 4 GiB", 0xffff'ffffull, 1, true, 1, TrapKind::StoreFault},
        TrapCase{"negative address load", 0, -8, false, 8, TrapKind::LoadFault},
        TrapCase{"huge address store", 0x8000'0000'0000'0000ull, 0, true, 8, TrapKind::StoreFault}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(SelfModifyingCode, StoreIntoCodeIsExecuted) {
  // Overwrite the instruction at `patched` (addi a1, zero, 1) with
  // (addi a1, zero, 2) before reaching it; the VM must run the new bytes.
  Assembler replacement;
  replacement.addi(a1, zero, 2);
  Assembler code;
  code.auipc(s0, 0);  // s0 = address of this instruction
  size_t liAt = code.here();
  code.li(a2, replacement.words[0]);
  size_t storeAt = code.here();
  code.sw(a2, s0, 0);  // offset patched below
  size_t patched = code.here();
  code.addi(a1, zero, 1).exit(0);
  code.words[storeAt / 4] = sType(0x23, 2, s0, a2, static_cast<int32_t>(patched));
  (void)liAt;
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.reg(a1), 2u);
}

TEST(SelfModifyingCode, ReadSyscallIntoCodeIsExecuted) {
  // The request holds an instruction; read() it over the next instruction.
  Assembler replacement;
  replacement.addi(a1, zero, 9);
  std::vector<uint8_t> request(4);
  std::memcpy(request.data(), &replacement.words[0], 4);
  Assembler code;
  code.auipc(s0, 0);
  size_t addiAt = code.here();
  code.addi(a1, s0, 0);  // a1 = buffer, patched to point at `target`
  code.li(a0, 0).li(a2, 4).syscall(63);
  size_t target = code.here();
  code.addi(a1, zero, 1).exit(0);
  code.words[addiAt / 4] = iType(0x13, 0, a1, s0, static_cast<int32_t>(target));
  Outcome out = run(code, {}, 0, request);
  ASSERT_EQ(out.reason, StopReason::Exited);
  EXPECT_EQ(out.reg(a1), 9u);
}

// --max-memory (docs/security.md) is a host limit like the step limit: the
// store that needs a page beyond it does not happen, the run stops with pc
// on it, the step not counted and the machine still running; raised, the
// run goes on to exactly the state an unlimited run ends in.
TEST(MemoryLimit, StopsBeforeTheStoreAndContinuesExactly) {
  Assembler code;
  code.li(s0, 0x20000000).li(s1, 64).li(t0, 4096).li(s2, 7);
  code.sb(s2, s0, 0).add(s0, s0, t0).addi(s1, s1, -1).bne(s1, zero, -12);
  code.li(a0, 0).li(a7, 93).ecall();
  const std::vector<uint8_t> elf = buildProgram(code);
  Machine unlimited;
  ASSERT_TRUE(unlimited.load(elf).ok());
  unlimited.bindRequest({});
  ASSERT_EQ(unlimited.run(1'000'000), StopReason::Exited);

  Machine limited;
  ASSERT_TRUE(limited.load(elf).ok());
  limited.bindRequest({});
  const uint64_t loaded = limited.memory().allocatedPages();
  limited.setMemoryLimit((loaded + 10) * kPageSize);
  ASSERT_EQ(limited.run(1'000'000), StopReason::MemoryLimit);
  EXPECT_EQ(limited.state().status, RunStatus::Running);
  EXPECT_EQ(limited.memory().allocatedPages(), loaded + 10);
  EXPECT_EQ(limited.state().x[s0], 0x20000000u + 10 * 4096);  // the 11th page's store is next
  uint32_t next = 0;
  ASSERT_TRUE(limited.memory().read(limited.state().pc, std::span(reinterpret_cast<uint8_t*>(&next), 4)));
  EXPECT_EQ(next, Assembler().sb(s2, s0, 0).words[0]);
  const uint64_t stepsAtStop = limited.state().steps;
  EXPECT_EQ(limited.run(1'000'000), StopReason::MemoryLimit);  // not raised: stops at once, same state
  EXPECT_EQ(limited.state().steps, stepsAtStop);

  limited.setMemoryLimit(uint64_t{4} << 30);
  ASSERT_EQ(limited.run(1'000'000), StopReason::Exited);
  EXPECT_EQ(limited.state().steps, unlimited.state().steps);
  EXPECT_EQ(limited.stateRoot(), unlimited.stateRoot());
}

}  // namespace
}  // namespace vcc::vm::test
