// A small RV64IM assembler and ELF writer for the VM's unit tests. The
// encodings are written from the RISC-V unprivileged spec's format tables,
// separately from the VM's decoder; the differential tests against qemu
// check both against an independent assembler (clang) and emulator.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace vcc::vm::test {

enum Reg : uint32_t {
  zero, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7,
  s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, t6
};

inline uint32_t rType(uint32_t opcode, uint32_t f3, uint32_t f7, uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return opcode | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
}
inline uint32_t iType(uint32_t opcode, uint32_t f3, uint32_t rd, uint32_t rs1, int32_t imm) {
  return opcode | rd << 7 | f3 << 12 | rs1 << 15 | (static_cast<uint32_t>(imm) & 0xfff) << 20;
}
inline uint32_t sType(uint32_t opcode, uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm) {
  uint32_t u = static_cast<uint32_t>(imm);
  return opcode | (u & 0x1f) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7f) << 25;
}
inline uint32_t bType(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t offset) {
  uint32_t u = static_cast<uint32_t>(offset);
  return 0x63 | ((u >> 11) & 1) << 7 | ((u >> 1) & 0xf) << 8 | f3 << 12 | rs1 << 15 | rs2 << 20 |
         ((u >> 5) & 0x3f) << 25 | ((u >> 12) & 1) << 31;
}
inline uint32_t uType(uint32_t opcode, uint32_t rd, uint32_t upper20) {
  return opcode | rd << 7 | (upper20 & 0xfffff) << 12;
}
inline uint32_t jType(uint32_t rd, int32_t offset) {
  uint32_t u = static_cast<uint32_t>(offset);
  return 0x6f | rd << 7 | ((u >> 12) & 0xff) << 12 | ((u >> 11) & 1) << 20 | ((u >> 1) & 0x3ff) << 21 |
         ((u >> 20) & 1) << 31;
}

// Builds a code sequence; branch and jump offsets are in bytes.
class Assembler {
public:
  std::vector<uint32_t> words;

  size_t here() const { return words.size() * 4; }
  Assembler& emit(uint32_t word) { words.push_back(word); return *this; }

  // RV64I register-register
  Assembler& add(Reg d, Reg a, Reg b) { return emit(rType(0x33, 0, 0x00, d, a, b)); }
  Assembler& sub(Reg d, Reg a, Reg b) { return emit(rType(0x33, 0, 0x20, d, a, b)); }
  Assembler& sll(Reg d, Reg a, Reg b) { return emit(rType(0x33, 1, 0x00, d, a, b)); }
  Assembler& slt(Reg d, Reg a, Reg b) { return emit(rType(0x33, 2, 0x00, d, a, b)); }
  Assembler& sltu(Reg d, Reg a, Reg b) { return emit(rType(0x33, 3, 0x00, d, a, b)); }
  Assembler& xor_(Reg d, Reg a, Reg b) { return emit(rType(0x33, 4, 0x00, d, a, b)); }
  Assembler& srl(Reg d, Reg a, Reg b) { return emit(rType(0x33, 5, 0x00, d, a, b)); }
  Assembler& sra(Reg d, Reg a, Reg b) { return emit(rType(0x33, 5, 0x20, d, a, b)); }
  Assembler& or_(Reg d, Reg a, Reg b) { return emit(rType(0x33, 6, 0x00, d, a, b)); }
  Assembler& and_(Reg d, Reg a, Reg b) { return emit(rType(0x33, 7, 0x00, d, a, b)); }
  Assembler& addw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 0, 0x00, d, a, b)); }
  Assembler& subw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 0, 0x20, d, a, b)); }
  Assembler& sllw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 1, 0x00, d, a, b)); }
  Assembler& srlw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 5, 0x00, d, a, b)); }
  Assembler& sraw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 5, 0x20, d, a, b)); }
  // M extension
  Assembler& mul(Reg d, Reg a, Reg b) { return emit(rType(0x33, 0, 0x01, d, a, b)); }
  Assembler& mulh(Reg d, Reg a, Reg b) { return emit(rType(0x33, 1, 0x01, d, a, b)); }
  Assembler& mulhsu(Reg d, Reg a, Reg b) { return emit(rType(0x33, 2, 0x01, d, a, b)); }
  Assembler& mulhu(Reg d, Reg a, Reg b) { return emit(rType(0x33, 3, 0x01, d, a, b)); }
  Assembler& div(Reg d, Reg a, Reg b) { return emit(rType(0x33, 4, 0x01, d, a, b)); }
  Assembler& divu(Reg d, Reg a, Reg b) { return emit(rType(0x33, 5, 0x01, d, a, b)); }
  Assembler& rem(Reg d, Reg a, Reg b) { return emit(rType(0x33, 6, 0x01, d, a, b)); }
  Assembler& remu(Reg d, Reg a, Reg b) { return emit(rType(0x33, 7, 0x01, d, a, b)); }
  Assembler& mulw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 0, 0x01, d, a, b)); }
  Assembler& divw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 4, 0x01, d, a, b)); }
  Assembler& divuw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 5, 0x01, d, a, b)); }
  Assembler& remw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 6, 0x01, d, a, b)); }
  Assembler& remuw(Reg d, Reg a, Reg b) { return emit(rType(0x3b, 7, 0x01, d, a, b)); }
  // register-immediate
  Assembler& addi(Reg d, Reg a, int32_t i) { return emit(iType(0x13, 0, d, a, i)); }
  Assembler& slti(Reg d, Reg a, int32_t i) { return emit(iType(0x13, 2, d, a, i)); }
  Assembler& sltiu(Reg d, Reg a, int32_t i) { return emit(iType(0x13, 3, d, a, i)); }
  Assembler& xori(Reg d, Reg a, int32_t i) { return emit(iType(0x13, 4, d, a, i)); }
  Assembler& ori(Reg d, Reg a, int32_t i) { return emit(iType(0x13, 6, d, a, i)); }
  Assembler& andi(Reg d, Reg a, int32_t i) { return emit(iType(0x13, 7, d, a, i)); }
  Assembler& slli(Reg d, Reg a, uint32_t s) { return emit(iType(0x13, 1, d, a, static_cast<int32_t>(s))); }
  Assembler& srli(Reg d, Reg a, uint32_t s) { return emit(iType(0x13, 5, d, a, static_cast<int32_t>(s))); }
  Assembler& srai(Reg d, Reg a, uint32_t s) { return emit(iType(0x13, 5, d, a, static_cast<int32_t>(s | 0x400))); }
  Assembler& addiw(Reg d, Reg a, int32_t i) { return emit(iType(0x1b, 0, d, a, i)); }
  Assembler& slliw(Reg d, Reg a, uint32_t s) { return emit(iType(0x1b, 1, d, a, static_cast<int32_t>(s))); }
  Assembler& srliw(Reg d, Reg a, uint32_t s) { return emit(iType(0x1b, 5, d, a, static_cast<int32_t>(s))); }
  Assembler& sraiw(Reg d, Reg a, uint32_t s) { return emit(iType(0x1b, 5, d, a, static_cast<int32_t>(s | 0x400))); }
  Assembler& lui(Reg d, uint32_t upper20) { return emit(uType(0x37, d, upper20)); }
  Assembler& auipc(Reg d, uint32_t upper20) { return emit(uType(0x17, d, upper20)); }
  // memory
  Assembler& lb(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 0, d, a, i)); }
  Assembler& lh(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 1, d, a, i)); }
  Assembler& lw(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 2, d, a, i)); }
  Assembler& ld(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 3, d, a, i)); }
  Assembler& lbu(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 4, d, a, i)); }
  Assembler& lhu(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 5, d, a, i)); }
  Assembler& lwu(Reg d, Reg a, int32_t i) { return emit(iType(0x03, 6, d, a, i)); }
  Assembler& sb(Reg src, Reg a, int32_t i) { return emit(sType(0x23, 0, a, src, i)); }
  Assembler& sh(Reg src, Reg a, int32_t i) { return emit(sType(0x23, 1, a, src, i)); }
  Assembler& sw(Reg src, Reg a, int32_t i) { return emit(sType(0x23, 2, a, src, i)); }
  Assembler& sd(Reg src, Reg a, int32_t i) { return emit(sType(0x23, 3, a, src, i)); }
  // control flow
  Assembler& beq(Reg a, Reg b, int32_t o) { return emit(bType(0, a, b, o)); }
  Assembler& bne(Reg a, Reg b, int32_t o) { return emit(bType(1, a, b, o)); }
  Assembler& blt(Reg a, Reg b, int32_t o) { return emit(bType(4, a, b, o)); }
  Assembler& bge(Reg a, Reg b, int32_t o) { return emit(bType(5, a, b, o)); }
  Assembler& bltu(Reg a, Reg b, int32_t o) { return emit(bType(6, a, b, o)); }
  Assembler& bgeu(Reg a, Reg b, int32_t o) { return emit(bType(7, a, b, o)); }
  Assembler& jal(Reg d, int32_t o) { return emit(jType(d, o)); }
  Assembler& jalr(Reg d, Reg a, int32_t i) { return emit(iType(0x67, 0, d, a, i)); }
  // system
  Assembler& ecall() { return emit(0x00000073); }
  Assembler& ebreak() { return emit(0x00100073); }
  Assembler& fence() { return emit(0x0ff0000f); }

  // Loads any 64-bit constant with addi/slli only (no lui sign subtleties).
  Assembler& li(Reg d, uint64_t value) {
    int64_t v = static_cast<int64_t>(value);
    if (v >= -2048 && v < 2048) return addi(d, zero, static_cast<int32_t>(v));
    int64_t low = static_cast<int64_t>(value << 52) >> 52;  // sign-extended low 12 bits
    int64_t high = static_cast<int64_t>(value - static_cast<uint64_t>(low)) >> 12;
    li(d, static_cast<uint64_t>(high));
    slli(d, d, 12);
    if (low != 0) addi(d, d, static_cast<int32_t>(low));
    return *this;
  }
  Assembler& syscall(uint64_t number) { return li(a7, number).ecall(); }
  Assembler& exit(uint64_t code) { return li(a0, code).syscall(93); }
};

struct Segment {
  uint64_t address;
  std::vector<uint8_t> bytes;
  uint64_t memorySize;  // >= bytes.size()
  uint32_t flags;       // PF_X = 1, PF_W = 2, PF_R = 4
};

inline constexpr uint64_t kCodeBase = 0x10000;
inline constexpr uint64_t kDataBase = 0x200000;

// Writes a static ELF64 RISC-V executable; each segment's file offset is
// congruent to its address modulo 4 KiB.
inline std::vector<uint8_t> buildElf(const std::vector<Segment>& segments, uint64_t entry) {
  std::vector<uint8_t> file(64 + 56 * segments.size(), 0);
  auto put = [&file](size_t at, uint64_t value, unsigned size) {
    for (unsigned i = 0; i < size; ++i) file[at + i] = static_cast<uint8_t>(value >> (8 * i));
  };
  const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
  std::memcpy(file.data(), ident, sizeof ident);
  put(16, 2, 2);    // ET_EXEC
  put(18, 243, 2);  // EM_RISCV
  put(20, 1, 4);
  put(24, entry, 8);
  put(32, 64, 8);   // e_phoff
  put(52, 64, 2);   // e_ehsize
  put(54, 56, 2);   // e_phentsize
  put(56, segments.size(), 2);
  for (size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    size_t offset = (file.size() + 0xfff) & ~size_t{0xfff};
    offset += s.address & 0xfff;
    file.resize(offset, 0);
    file.insert(file.end(), s.bytes.begin(), s.bytes.end());
    size_t at = 64 + 56 * i;
    put(at, 1, 4);  // PT_LOAD
    put(at + 4, s.flags, 4);
    put(at + 8, offset, 8);
    put(at + 16, s.address, 8);
    put(at + 24, s.address, 8);
    put(at + 32, s.bytes.size(), 8);
    put(at + 40, s.memorySize, 8);
    put(at + 48, 0x1000, 8);
  }
  return file;
}

inline std::vector<uint8_t> codeBytes(const Assembler& code) {
  std::vector<uint8_t> bytes(code.words.size() * 4);
  std::memcpy(bytes.data(), code.words.data(), bytes.size());
  return bytes;
}

// A program of `code` at kCodeBase and, optionally, `data` at kDataBase.
inline std::vector<uint8_t> buildProgram(const Assembler& code, std::vector<uint8_t> data = {},
                                         uint64_t dataMemorySize = 0) {
  std::vector<uint8_t> text = codeBytes(code);
  std::vector<Segment> segments{{kCodeBase, text, text.size(), 5}};
  if (!data.empty() || dataMemorySize != 0) {
    uint64_t size = std::max<uint64_t>(data.size(), dataMemorySize);
    segments.push_back({kDataBase, std::move(data), size, 6});
  }
  return buildElf(segments, kCodeBase);
}

}  // namespace vcc::vm::test
