// Encodings outside RV64IM (SPEC §3.1) trap as illegal instructions.
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

class IllegalEncodings : public ::testing::TestWithParam<uint32_t> {};

TEST_P(IllegalEncodings, TrapWithTheInstructionBits) {
  Assembler code;
  code.addi(a1, zero, 1).emit(GetParam()).exit(0);
  Outcome out = run(code);
  ASSERT_EQ(out.reason, StopReason::Trapped) << std::hex << GetParam();
  EXPECT_EQ(out.state().trap.kind, TrapKind::IllegalInstruction);
  EXPECT_EQ(out.state().trap.pc, kCodeBase + 4);
  EXPECT_EQ(out.state().trap.value, GetParam());
  EXPECT_EQ(out.state().steps, 2u);
}

INSTANTIATE_TEST_SUITE_P(
    OutsideRv64im, IllegalEncodings,
    ::testing::Values(0x00000000u,             // all zeros
                      0xffffffffu,             // all ones
                      0x00010001u,             // compressed c.nop in the low half
                      0x0000100fu,             // fence.i (Zifencei)
                      0xc0002573u,             // csrrs a0, cycle (Zicsr)
                      0x30200073u,             // mret
                      0x10500073u,             // wfi
                      0x00200073u,             // uret-like SYSTEM encoding
                      0x0000202fu,             // amoadd.w (A)
                      0x00052007u,             // flw (F)
                      0x02b57553u,             // fadd.d (D)
                      0x0000705bu,             // custom-2 opcode
                      0x00003003u | (7u << 12),// load funct3 7
                      0x00004023u,             // store funct3 4
                      0x00002063u,             // branch funct3 2
                      0x00001067u,             // jalr funct3 1
                      0x04051593u,             // slli with funct6 = 1
                      0x80055593u,             // srli/srai with funct6 = 0x20
                      0x0205159bu,             // slliw with shamt bit 5 set
                      0x4205559bu,             // sraiw with shamt bit 5 set
                      0x0000259bu,             // OP-IMM-32 funct3 2
                      0x40b515b3u,             // funct7 0x20 with sll
                      0x06b505b3u,             // OP funct7 0x03
                      0x40b525bbu,             // OP-32 funct7 0x20 funct3 2
                      0x02b515bbu,             // mulw funct3 1 (no mulhw)
                      0x02b535bbu),            // OP-32 M funct3 3
    [](const auto& info) { return "case" + std::to_string(info.index); });

}  // namespace
}  // namespace vcc::vm::test
