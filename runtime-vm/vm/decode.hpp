// Pre-decoded instructions. Each executed 4 KiB page is decoded once into
// 1024 compact operations plus a sentinel that continues on the next page;
// the interpreter dispatches on `kind` (libriscv's approach, STYLE.md).
#pragma once

#include <cstdint>

#include "vcc/vm/layout.hpp"

namespace vcc::vm {

// Every operation kind, in dispatch-table order.
#define VCC_VM_OPERATIONS(X)                                                              \
  X(Illegal) X(Lui) X(Auipc) X(Jal) X(Jalr)                                               \
  X(Beq) X(Bne) X(Blt) X(Bge) X(Bltu) X(Bgeu)                                             \
  X(Lb) X(Lh) X(Lw) X(Ld) X(Lbu) X(Lhu) X(Lwu)                                            \
  X(Sb) X(Sh) X(Sw) X(Sd)                                                                 \
  X(Addi) X(Slti) X(Sltiu) X(Xori) X(Ori) X(Andi) X(Slli) X(Srli) X(Srai)                 \
  X(Add) X(Sub) X(Sll) X(Slt) X(Sltu) X(Xor) X(Srl) X(Sra) X(Or) X(And)                   \
  X(Addiw) X(Slliw) X(Srliw) X(Sraiw) X(Addw) X(Subw) X(Sllw) X(Srlw) X(Sraw)             \
  X(Mul) X(Mulh) X(Mulhsu) X(Mulhu) X(Div) X(Divu) X(Rem) X(Remu)                         \
  X(Mulw) X(Divw) X(Divuw) X(Remw) X(Remuw)                                               \
  X(Fence) X(Ecall) X(Ebreak) X(PageEnd)

enum class Operation : uint8_t {
#define VCC_VM_ENUM(name) name,
  VCC_VM_OPERATIONS(VCC_VM_ENUM)
#undef VCC_VM_ENUM
};

// Register index that absorbs writes to x0, so that no operation needs to
// test for rd == 0; the register file has 33 slots.
inline constexpr uint8_t kDiscardRegister = 32;

struct DecodedOp {
  Operation kind;
  uint8_t rd;   // kDiscardRegister when the instruction writes x0
  uint8_t rs1;
  uint8_t rs2;
  int32_t imm;  // sign-extended immediate; for Illegal, the raw instruction bits
};
static_assert(sizeof(DecodedOp) == 8);

inline constexpr unsigned kOpsPerPage = kPageSize / 4;

struct DecodedPage {
  DecodedOp ops[kOpsPerPage + 1];  // the last one is the PageEnd sentinel
};

DecodedOp decode(uint32_t instruction);
const char* operationName(Operation kind);

}  // namespace vcc::vm
