// The M extension, including division by zero and signed overflow, whose
// results the spec fixes (unprivileged spec §13.2, table 13.1).
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

constexpr uint64_t kMin = 0x8000000000000000ull;
constexpr uint64_t kAll = ~uint64_t{0};
constexpr uint64_t kWordMin = 0xffffffff80000000ull;  // INT32_MIN sign-extended

using BinaryEmitter = Assembler& (Assembler::*)(Reg, Reg, Reg);

struct Case {
  const char* name;
  BinaryEmitter emit;
  uint64_t lhs, rhs, expected;
};

class MulDiv : public ::testing::TestWithParam<Case> {};

TEST_P(MulDiv, ComputesSpecResult) {
  const Case& c = GetParam();
  Assembler code;
  code.li(a1, c.lhs).li(a2, c.rhs);
  (code.*c.emit)(a3, a1, a2);
  EXPECT_EQ(runToExit(code).reg(a3), c.expected) << c.name << "(0x" << std::hex << c.lhs << ", 0x" << c.rhs << ")";
}

INSTANTIATE_TEST_SUITE_P(
    Rv64m, MulDiv,
    ::testing::Values(
        Case{"mul low bits", &Assembler::mul, 0x100000001ull, 0x100000001ull, 0x200000001ull},
        Case{"mul wraps", &Assembler::mul, kMin, 2, 0},
        Case{"mulh -1*-1", &Assembler::mulh, kAll, kAll, 0},
        Case{"mulh min*min", &Assembler::mulh, kMin, kMin, 0x4000000000000000ull},
        Case{"mulh min*-1", &Assembler::mulh, kMin, kAll, 0},
        Case{"mulh negative", &Assembler::mulh, kAll, 2, kAll},
        Case{"mulhu max*max", &Assembler::mulhu, kAll, kAll, kAll - 1},
        Case{"mulhu", &Assembler::mulhu, 1ull << 32, 1ull << 32, 1},
        Case{"mulhsu -1*max", &Assembler::mulhsu, kAll, kAll, kAll},
        Case{"mulhsu 2*max", &Assembler::mulhsu, 2, kAll, 1},
        Case{"mulhsu min*max", &Assembler::mulhsu, kMin, kAll, 0x8000000000000000ull},
        Case{"div", &Assembler::div, static_cast<uint64_t>(-7), 2, static_cast<uint64_t>(-3)},
        Case{"div by zero", &Assembler::div, 42, 0, kAll},
        Case{"div overflow", &Assembler::div, kMin, kAll, kMin},
        Case{"divu", &Assembler::divu, kAll, 2, 0x7fffffffffffffffull},
        Case{"divu by zero", &Assembler::divu, 42, 0, kAll},
        Case{"rem sign of dividend", &Assembler::rem, static_cast<uint64_t>(-7), 2, kAll},
        Case{"rem by zero", &Assembler::rem, static_cast<uint64_t>(-7), 0, static_cast<uint64_t>(-7)},
        Case{"rem overflow", &Assembler::rem, kMin, kAll, 0},
        Case{"remu", &Assembler::remu, kAll, 10, 5},
        Case{"remu by zero", &Assembler::remu, 99, 0, 99},
        Case{"mulw sign-extends", &Assembler::mulw, 0x10000, 0x8000, kWordMin},
        Case{"mulw ignores upper", &Assembler::mulw, 0xabcdef0000000003ull, 0x1200000005ull, 15},
        Case{"divw", &Assembler::divw, 0xffffffff00000000ull | static_cast<uint32_t>(-9), 2, static_cast<uint64_t>(-4)},
        Case{"divw by zero", &Assembler::divw, 5, 0xffffffff00000000ull, kAll},
        Case{"divw overflow", &Assembler::divw, 0x80000000ull, 0xffffffffull, kWordMin},
        Case{"divuw", &Assembler::divuw, 0xffffffffull, 1, kAll},
        Case{"divuw by zero", &Assembler::divuw, 5, 0, kAll},
        Case{"divuw small", &Assembler::divuw, 0x1200000064ull, 0x0a, 10},
        Case{"remw", &Assembler::remw, static_cast<uint32_t>(-9), 4, kAll},
        Case{"remw by zero sign-extends", &Assembler::remw, 0x1280000000ull, 0, kWordMin},
        Case{"remw overflow", &Assembler::remw, 0x80000000ull, 0xffffffffull, 0},
        Case{"remuw", &Assembler::remuw, 0xffffffffull, 10, 5},
        Case{"remuw by zero sign-extends", &Assembler::remuw, 0x80000001ull, 0, 0xffffffff80000001ull}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

}  // namespace
}  // namespace vcc::vm::test
