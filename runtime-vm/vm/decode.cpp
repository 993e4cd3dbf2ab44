#include "decode.hpp"

namespace vcc::vm {
namespace {

constexpr uint32_t bits(uint32_t value, unsigned high, unsigned low) {
  return (value >> low) & ((uint32_t{1} << (high - low + 1)) - 1);
}

// Immediates of the RISC-V base formats, sign-extended (unprivileged spec §2.3).
constexpr int32_t immI(uint32_t insn) { return static_cast<int32_t>(insn) >> 20; }
constexpr int32_t immS(uint32_t insn) {
  return static_cast<int32_t>((static_cast<int32_t>(insn) >> 25) * 32 + static_cast<int32_t>(bits(insn, 11, 7)));
}
constexpr int32_t immB(uint32_t insn) {
  uint32_t value = (bits(insn, 31, 31) << 12) | (bits(insn, 7, 7) << 11) | (bits(insn, 30, 25) << 5) |
                   (bits(insn, 11, 8) << 1);
  return static_cast<int32_t>(value << 19) >> 19;
}
constexpr int32_t immU(uint32_t insn) { return static_cast<int32_t>(insn & 0xfffff000u); }
constexpr int32_t immJ(uint32_t insn) {
  uint32_t value = (bits(insn, 31, 31) << 20) | (bits(insn, 19, 12) << 12) | (bits(insn, 20, 20) << 11) |
                   (bits(insn, 30, 21) << 1);
  return static_cast<int32_t>(value << 11) >> 11;
}

DecodedOp make(Operation kind, uint32_t insn, int32_t imm) {
  uint8_t rd = static_cast<uint8_t>(bits(insn, 11, 7));
  return DecodedOp{kind, rd == 0 ? kDiscardRegister : rd, static_cast<uint8_t>(bits(insn, 19, 15)),
                   static_cast<uint8_t>(bits(insn, 24, 20)), imm};
}

DecodedOp illegal(uint32_t insn) {
  return DecodedOp{Operation::Illegal, kDiscardRegister, 0, 0, static_cast<int32_t>(insn)};
}

DecodedOp decodeOpImm(uint32_t insn) {
  uint32_t funct6 = bits(insn, 31, 26);
  switch (bits(insn, 14, 12)) {
  case 0: return make(Operation::Addi, insn, immI(insn));
  case 1: return funct6 == 0 ? make(Operation::Slli, insn, static_cast<int32_t>(bits(insn, 25, 20))) : illegal(insn);
  case 2: return make(Operation::Slti, insn, immI(insn));
  case 3: return make(Operation::Sltiu, insn, immI(insn));
  case 4: return make(Operation::Xori, insn, immI(insn));
  case 5:
    if (funct6 == 0x00) return make(Operation::Srli, insn, static_cast<int32_t>(bits(insn, 25, 20)));
    if (funct6 == 0x10) return make(Operation::Srai, insn, static_cast<int32_t>(bits(insn, 25, 20)));
    return illegal(insn);
  case 6: return make(Operation::Ori, insn, immI(insn));
  default: return make(Operation::Andi, insn, immI(insn));
  }
}

DecodedOp decodeOpImm32(uint32_t insn) {
  uint32_t funct7 = bits(insn, 31, 25);
  int32_t shamt = static_cast<int32_t>(bits(insn, 24, 20));
  switch (bits(insn, 14, 12)) {
  case 0: return make(Operation::Addiw, insn, immI(insn));
  case 1: return funct7 == 0 ? make(Operation::Slliw, insn, shamt) : illegal(insn);
  case 5:
    if (funct7 == 0x00) return make(Operation::Srliw, insn, shamt);
    if (funct7 == 0x20) return make(Operation::Sraiw, insn, shamt);
    return illegal(insn);
  default: return illegal(insn);
  }
}

DecodedOp decodeOp(uint32_t insn) {
  static constexpr Operation kBase[8] = {Operation::Add, Operation::Sll, Operation::Slt, Operation::Sltu,
                                         Operation::Xor, Operation::Srl, Operation::Or,  Operation::And};
  static constexpr Operation kMul[8] = {Operation::Mul, Operation::Mulh, Operation::Mulhsu, Operation::Mulhu,
                                        Operation::Div, Operation::Divu, Operation::Rem,    Operation::Remu};
  uint32_t funct3 = bits(insn, 14, 12);
  switch (bits(insn, 31, 25)) {
  case 0x00: return make(kBase[funct3], insn, 0);
  case 0x01: return make(kMul[funct3], insn, 0);
  case 0x20:
    if (funct3 == 0) return make(Operation::Sub, insn, 0);
    if (funct3 == 5) return make(Operation::Sra, insn, 0);
    return illegal(insn);
  default: return illegal(insn);
  }
}

DecodedOp decodeOp32(uint32_t insn) {
  uint32_t funct3 = bits(insn, 14, 12);
  switch (bits(insn, 31, 25)) {
  case 0x00:
    if (funct3 == 0) return make(Operation::Addw, insn, 0);
    if (funct3 == 1) return make(Operation::Sllw, insn, 0);
    if (funct3 == 5) return make(Operation::Srlw, insn, 0);
    return illegal(insn);
  case 0x20:
    if (funct3 == 0) return make(Operation::Subw, insn, 0);
    if (funct3 == 5) return make(Operation::Sraw, insn, 0);
    return illegal(insn);
  case 0x01:
    switch (funct3) {
    case 0: return make(Operation::Mulw, insn, 0);
    case 4: return make(Operation::Divw, insn, 0);
    case 5: return make(Operation::Divuw, insn, 0);
    case 6: return make(Operation::Remw, insn, 0);
    case 7: return make(Operation::Remuw, insn, 0);
    default: return illegal(insn);
    }
  default: return illegal(insn);
  }
}

}  // namespace

DecodedOp decode(uint32_t insn) {
  static constexpr Operation kBranch[8] = {Operation::Beq,     Operation::Bne, Operation::Illegal,
                                           Operation::Illegal, Operation::Blt, Operation::Bge,
                                           Operation::Bltu,    Operation::Bgeu};
  static constexpr Operation kLoad[8] = {Operation::Lb,  Operation::Lh,  Operation::Lw,  Operation::Ld,
                                         Operation::Lbu, Operation::Lhu, Operation::Lwu, Operation::Illegal};
  static constexpr Operation kStore[8] = {Operation::Sb,      Operation::Sh,      Operation::Sw,
                                          Operation::Sd,      Operation::Illegal, Operation::Illegal,
                                          Operation::Illegal, Operation::Illegal};
  uint32_t funct3 = bits(insn, 14, 12);
  switch (bits(insn, 6, 0)) {
  case 0x37: return make(Operation::Lui, insn, immU(insn));
  case 0x17: return make(Operation::Auipc, insn, immU(insn));
  case 0x6f: return make(Operation::Jal, insn, immJ(insn));
  case 0x67: return funct3 == 0 ? make(Operation::Jalr, insn, immI(insn)) : illegal(insn);
  case 0x63:
    return kBranch[funct3] == Operation::Illegal ? illegal(insn) : make(kBranch[funct3], insn, immB(insn));
  case 0x03:
    return kLoad[funct3] == Operation::Illegal ? illegal(insn) : make(kLoad[funct3], insn, immI(insn));
  case 0x23:
    return kStore[funct3] == Operation::Illegal ? illegal(insn) : make(kStore[funct3], insn, immS(insn));
  case 0x13: return decodeOpImm(insn);
  case 0x1b: return decodeOpImm32(insn);
  case 0x33: return decodeOp(insn);
  case 0x3b: return decodeOp32(insn);
  case 0x0f: return funct3 == 0 ? make(Operation::Fence, insn, 0) : illegal(insn);  // fence.i (Zifencei) traps
  case 0x73:
    if (insn == 0x00000073) return make(Operation::Ecall, insn, 0);
    if (insn == 0x00100073) return make(Operation::Ebreak, insn, 0);
    return illegal(insn);  // Zicsr and privileged instructions
  default: return illegal(insn);
  }
}

const char* operationName(Operation kind) {
  static constexpr const char* kNames[] = {
#define VCC_VM_NAME(name) #name,
      VCC_VM_OPERATIONS(VCC_VM_NAME)
#undef VCC_VM_NAME
  };
  return kNames[static_cast<unsigned>(kind)];
}

}  // namespace vcc::vm
