// RV64I integer computation and the W variants, with the corner cases of
// the unprivileged spec (§2.4, §4.2): sign extension, shift amounts, x0.
#include <cstdint>

#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

constexpr uint64_t kMin = 0x8000000000000000ull;
constexpr uint64_t kMax = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~uint64_t{0};

using BinaryEmitter = Assembler& (Assembler::*)(Reg, Reg, Reg);

struct BinaryCase {
  const char* name;
  BinaryEmitter emit;
  uint64_t lhs, rhs, expected;
};

uint64_t runBinary(BinaryEmitter emit, uint64_t lhs, uint64_t rhs) {
  Assembler code;
  code.li(a1, lhs).li(a2, rhs);
  (code.*emit)(a3, a1, a2);
  return runToExit(code).reg(a3);
}

class RegisterRegister : public ::testing::TestWithParam<BinaryCase> {};

TEST_P(RegisterRegister, ComputesSpecResult) {
  const BinaryCase& c = GetParam();
  EXPECT_EQ(runBinary(c.emit, c.lhs, c.rhs), c.expected)
      << c.name << "(0x" << std::hex << c.lhs << ", 0x" << c.rhs << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Rv64i, RegisterRegister,
    ::testing::Values(
        BinaryCase{"add wraps", &Assembler::add, kMax, 1, kMin},
        BinaryCase{"add", &Assembler::add, 5, kAll, 4},
        BinaryCase{"sub wraps", &Assembler::sub, kMin, 1, kMax},
        BinaryCase{"sub", &Assembler::sub, 0, 1, kAll},
        BinaryCase{"sll uses low 6 bits", &Assembler::sll, 1, 64 + 3, 8},
        BinaryCase{"sll 63", &Assembler::sll, 1, 63, kMin},
        BinaryCase{"srl logical", &Assembler::srl, kMin, 63, 1},
        BinaryCase{"srl masks", &Assembler::srl, kAll, 128 + 60, 0xf},
        BinaryCase{"sra arithmetic", &Assembler::sra, kMin, 63, kAll},
        BinaryCase{"sra positive", &Assembler::sra, kMax, 62, 1},
        BinaryCase{"slt signed", &Assembler::slt, kAll, 0, 1},
        BinaryCase{"slt equal", &Assembler::slt, 7, 7, 0},
        BinaryCase{"sltu unsigned", &Assembler::sltu, kAll, 0, 0},
        BinaryCase{"sltu", &Assembler::sltu, 0, kAll, 1},
        BinaryCase{"xor", &Assembler::xor_, 0xff00ff00ff00ff00ull, kAll, 0x00ff00ff00ff00ffull},
        BinaryCase{"or", &Assembler::or_, 0xf0, 0x0f, 0xff},
        BinaryCase{"and", &Assembler::and_, 0xf0f0, 0xff00, 0xf000},
        BinaryCase{"addw sign-extends", &Assembler::addw, 0x7fffffff, 1, 0xffffffff80000000ull},
        BinaryCase{"addw ignores upper", &Assembler::addw, 0x1234567800000001ull, 0xabcdef0000000002ull, 3},
        BinaryCase{"subw", &Assembler::subw, 0, 1, kAll},
        BinaryCase{"subw to min", &Assembler::subw, 0x80000000ull, 0, 0xffffffff80000000ull},
        BinaryCase{"sllw uses low 5 bits", &Assembler::sllw, 1, 32 + 31, 0xffffffff80000000ull},
        BinaryCase{"srlw zero-extends the word", &Assembler::srlw, 0xffffffff80000000ull, 31, 1},
        BinaryCase{"srlw 0 sign-extends", &Assembler::srlw, 0x80000000ull, 0, 0xffffffff80000000ull},
        BinaryCase{"sraw", &Assembler::sraw, 0x80000000ull, 31, kAll},
        BinaryCase{"sraw ignores upper", &Assembler::sraw, 0xffffffff7fffffffull, 30, 1}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(Immediates, AddiSignExtendsTwelveBits) {
  Assembler code;
  code.li(a1, 10).addi(a2, a1, -2048).addi(a3, a1, 2047);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a2), static_cast<uint64_t>(10 - 2048));
  EXPECT_EQ(out.reg(a3), uint64_t{10 + 2047});
}

TEST(Immediates, CompareImmediates) {
  Assembler code;
  code.li(a1, kAll).slti(a2, a1, 0).sltiu(a3, a1, -1).sltiu(a4, zero, -1).sltiu(a5, a1, 1);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a2), 1u);  // -1 < 0
  EXPECT_EQ(out.reg(a3), 0u);  // max < max is false
  EXPECT_EQ(out.reg(a4), 1u);  // 0 < 2^64-1: sltiu sign-extends then compares unsigned
  EXPECT_EQ(out.reg(a5), 0u);
}

TEST(Immediates, LogicImmediatesSignExtend) {
  Assembler code;
  code.li(a1, 0x1234).xori(a2, a1, -1).ori(a3, zero, -2048).andi(a4, a1, -16);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a2), ~uint64_t{0x1234});
  EXPECT_EQ(out.reg(a3), 0xfffffffffffff800ull);
  EXPECT_EQ(out.reg(a4), 0x1230u);
}

TEST(Immediates, ShiftsBySixBitAmounts) {
  Assembler code;
  code.li(a1, kMin | 1).slli(a2, a1, 63).srli(a3, a1, 63).srai(a4, a1, 63).srai(a5, a1, 0);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a2), kMin);
  EXPECT_EQ(out.reg(a3), 1u);
  EXPECT_EQ(out.reg(a4), kAll);
  EXPECT_EQ(out.reg(a5), kMin | 1);
}

TEST(Immediates, WordShiftsAndAddiw) {
  Assembler code;
  code.li(a1, 0x00000000ffffffffull)
      .addiw(a2, a1, 1)     // 0xffffffff + 1 = 0 in 32 bits
      .addiw(a3, a1, 0)     // sext.w
      .slliw(a4, a1, 31)    // 0x80000000 sign-extended
      .srliw(a5, a1, 31)    // 1
      .sraiw(a6, a1, 31);   // -1
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a2), 0u);
  EXPECT_EQ(out.reg(a3), kAll);
  EXPECT_EQ(out.reg(a4), 0xffffffff80000000ull);
  EXPECT_EQ(out.reg(a5), 1u);
  EXPECT_EQ(out.reg(a6), kAll);
}

TEST(UpperImmediates, LuiSignExtendsOnRv64) {
  Assembler code;
  code.lui(a1, 0x80000).lui(a2, 0x7ffff);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a1), 0xffffffff80000000ull);
  EXPECT_EQ(out.reg(a2), 0x7ffff000u);
}

TEST(UpperImmediates, AuipcAddsToItsOwnAddress) {
  Assembler code;
  code.addi(zero, zero, 0).auipc(a1, 1).auipc(a2, 0xfffff);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.reg(a1), kCodeBase + 4 + 0x1000);
  EXPECT_EQ(out.reg(a2), kCodeBase + 8 - 0x1000);
}

TEST(RegisterZero, WritesAreDiscarded) {
  Assembler code;
  code.li(a1, 77).add(zero, a1, a1).addi(zero, a1, 1).lui(zero, 5).add(a2, zero, zero);
  Outcome out = runToExit(code);
  EXPECT_EQ(out.state().x[0], 0u);
  EXPECT_EQ(out.reg(a2), 0u);
}

}  // namespace
}  // namespace vcc::vm::test
