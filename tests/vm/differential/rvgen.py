#!/usr/bin/env python3
"""Seeded random RV64IM program generator for differential tests of vcc's VM.

Emits GNU assembly (.S) for clang-19 (--target=riscv64-unknown-elf
-march=rv64im -mabi=lp64 -mno-relax -nostdlib -static -fuse-ld=lld).

The program
  1. loads all 31 registers with random values (edge values often),
  2. keeps one register (the base) pointing into a 4 KiB arena; every load
     and store goes through the base (directly or base + masked index),
     in range and naturally aligned, and no instruction writes the base,
  3. runs a random mix of every RV64I and M instruction: ALU reg/imm ops,
     shifts with edge amounts, LUI/AUIPC, the W variants, the multiply and
     divide family with divide-by-zero and INT_MIN / -1 operands forced
     often, all load/store widths, forward branches of all six kinds, JAL and
     JALR forward jumps with link (JALR with odd targets that must have bit 0
     cleared, and rd == rs1), local subroutine calls, small bounded loops,
     writes to x0, fences,
  4. stores x1..x31 to the start of the arena and writes the whole arena to
     fd 1 in randomly cut pieces, each with a write loop that handles short
     writes (the VM transfers at most to the end of the current 32-byte
     block per call), then exits with code 0 (exit or exit_group).

Output stream (ARENA_SIZE = 4096 bytes):
  [0, 248)    x1..x31, 8 bytes each, little endian   (REGS_BYTES)
  [248, 256)  padding (zero)
  [256, 4096) the data region that loads and stores use (DATA_OFFSET)

The program does not depend on the initial register values, the stack or
anything outside its image, so qemu-riscv64 and the VM must agree exactly.

The random part is a list of self-contained chunks (labels never cross a
chunk), so a reducer can delete chunks and still get a valid program; see
Program.render(keep=...).

Usage: rvgen.py --seed S [--size N] [-o FILE]
"""

import argparse
import random
import sys

ARENA_SIZE = 4096
REGS_BYTES = 31 * 8
DATA_OFFSET = 256
BASE_OFFSET = 2048  # base register = arena + BASE_OFFSET
DATA_LO = DATA_OFFSET - BASE_OFFSET  # lowest offset from base: -1792
DATA_HI = ARENA_SIZE - BASE_OFFSET  # one past the highest offset: 2048

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1

ABI = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
       "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
       "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
       "t3", "t4", "t5", "t6"]

R_OPS = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and"]
RW_OPS = ["addw", "subw", "sllw", "srlw", "sraw"]
I_OPS = ["addi", "slti", "sltiu", "xori", "ori", "andi"]
SHIFT_I = ["slli", "srli", "srai"]
SHIFT_IW = ["slliw", "srliw", "sraiw"]
MUL_OPS = ["mul", "mulh", "mulhsu", "mulhu", "mulw"]
DIV_OPS = ["div", "divu", "rem", "remu"]
DIVW_OPS = ["divw", "divuw", "remw", "remuw"]
LOADS = [("lb", 1), ("lh", 2), ("lw", 4), ("ld", 8), ("lbu", 1), ("lhu", 2), ("lwu", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)]
BRANCHES = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]

EDGE_VALUES = [
    0, 1, -1, 2, -2, 3, 7, 31, 32, 33, 63, 64, 127, 128, 255,
    INT64_MIN, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1,
    0x80000000, 0x7FFFFFFF, 0xFFFFFFFF, -0x80000000, -0x7FFFFFFF, 0x100000000,
    0xFFFFFFFF00000000 - (1 << 64), 0x00000000FFFFFFFF,
    0x7FF, 0x800, -0x800, -0x801, 0xFFF, 0x1000, 0x7FFFF800, 0x8000, 0xFFFF,
    0x5555555555555555, 0xAAAAAAAAAAAAAAAA - (1 << 64), 0x0123456789ABCDEF,
]


def to_signed64(v):
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


class Program:
    """prologue + chunks + epilogue, as lists of assembly lines."""

    def __init__(self, seed, header, prologue, chunks, epilogue, data):
        self.seed = seed
        self.header = header
        self.prologue = prologue
        self.chunks = chunks
        self.epilogue = epilogue
        self.data = data

    def render(self, keep=None):
        lines = list(self.header) + list(self.prologue)
        for i, chunk in enumerate(self.chunks):
            if keep is None or i in keep:
                lines.extend(chunk)
        lines.extend(self.epilogue)
        lines.extend(self.data)
        return "\n".join(lines) + "\n"


class Generator:
    def __init__(self, seed, size):
        self.seed = seed
        self.rng = random.Random(seed)
        self.size = size
        self.label = 0
        self.base = self.rng.randrange(1, 32)
        # Registers that must not be written right now: the base, plus loop
        # counters and subroutine links while their code is being emitted.
        self.reserved = {self.base}
        self.depth = 0
        # A hot window inside the data region, so loads often see stores.
        self.hot = self.rng.randrange(DATA_LO, DATA_HI - 64) & ~7

    # -- register and value choices ---------------------------------------
    def new_label(self, kind):
        self.label += 1
        return ".L%s_%d" % (kind, self.label)

    def r(self, n):
        return ABI[n]

    def rd(self):
        rng = self.rng
        if rng.random() < 0.05:
            return 0
        while True:
            n = rng.randrange(1, 32)
            if n not in self.reserved:
                return n

    def rs(self):
        rng = self.rng
        x = rng.random()
        if x < 0.05:
            return 0
        if x < 0.08:
            return self.base
        return rng.randrange(1, 32)

    def writable(self, n):
        return n != 0 and n not in self.reserved

    def value(self):
        rng = self.rng
        x = rng.random()
        if x < 0.45:
            return to_signed64(rng.choice(EDGE_VALUES))
        if x < 0.60:
            return rng.randrange(-300, 300)
        if x < 0.75:
            return to_signed64(rng.getrandbits(32)) if rng.random() < 0.5 else \
                to_signed64(-(rng.getrandbits(31)) if rng.random() < 0.5 else rng.getrandbits(31))
        if x < 0.85:
            # low word is a 32-bit edge, high word garbage: W ops must ignore it
            lo = rng.choice([0x80000000, 0xFFFFFFFF, 0, 1, 0x7FFFFFFF, 31, 32])
            return to_signed64((rng.getrandbits(32) << 32) | lo)
        return to_signed64(rng.getrandbits(64))

    def li(self, out, n, v):
        if self.writable(n):
            out.append("    li %s, %d" % (self.r(n), to_signed64(v)))

    def imm12(self):
        rng = self.rng
        if rng.random() < 0.4:
            return rng.choice([0, 1, -1, 2047, -2048, 2046, -2047, 0x7F, 0x80, 0xFF, 0x555, -0x556])
        return rng.randrange(-2048, 2048)

    def imm20(self):
        rng = self.rng
        if rng.random() < 0.4:
            return rng.choice([0, 1, 0x80000, 0xFFFFF, 0x7FFFF, 0x80001, 0xFFFFE])
        return rng.randrange(0, 1 << 20)

    def rd_maybe_alias(self, srcs):
        # rd == rs often, to check that sources are read before rd is written
        cand = [s for s in srcs if self.writable(s)]
        if cand and self.rng.random() < 0.15:
            return self.rng.choice(cand)
        return self.rd()

    # -- straight-line instructions ---------------------------------------
    def alu_r(self, out):
        rng = self.rng
        op = rng.choice(R_OPS + RW_OPS)
        a, b = self.rs(), self.rs()
        if op.startswith(("sll", "srl", "sra")) and rng.random() < 0.4:
            self.li(out, b, rng.choice([0, 1, 31, 32, 33, 63, 64, 65, -1, 0x7FFFFFE0, rng.getrandbits(64)]))
        elif op in ("slt", "sltu") and rng.random() < 0.3:
            self.li(out, a, rng.choice([INT64_MIN, -1, 0, INT64_MAX, 1]))
            self.li(out, b, rng.choice([INT64_MIN, -1, 0, INT64_MAX, 1]))
        elif rng.random() < 0.2:
            self.li(out, a, self.value())
        d = self.rd_maybe_alias([a, b])
        out.append("    %s %s, %s, %s" % (op, self.r(d), self.r(a), self.r(b)))
        return d

    def alu_i(self, out):
        rng = self.rng
        a = self.rs()
        if rng.random() < 0.15:
            self.li(out, a, self.value())
        d = self.rd_maybe_alias([a])
        kind = rng.random()
        if kind < 0.45:
            op = rng.choice(I_OPS)
            out.append("    %s %s, %s, %d" % (op, self.r(d), self.r(a), self.imm12()))
        elif kind < 0.55:
            out.append("    addiw %s, %s, %d" % (self.r(d), self.r(a), self.imm12()))
        elif kind < 0.80:
            op = rng.choice(SHIFT_I)
            sh = rng.choice([0, 1, 31, 32, 33, 63, 62, rng.randrange(64)])
            out.append("    %s %s, %s, %d" % (op, self.r(d), self.r(a), sh))
        else:
            op = rng.choice(SHIFT_IW)
            sh = rng.choice([0, 1, 15, 16, 30, 31, rng.randrange(32)])
            out.append("    %s %s, %s, %d" % (op, self.r(d), self.r(a), sh))
        return d

    def upper(self, out):
        op = self.rng.choice(["lui", "auipc"])
        d = self.rd()
        out.append("    %s %s, %d" % (op, self.r(d), self.imm20()))
        return d

    def muldiv(self, out):
        rng = self.rng
        a, b = self.rs(), self.rs()
        x = rng.random()
        if x < 0.5:
            op = rng.choice(MUL_OPS)
            if rng.random() < 0.3:
                self.li(out, a, rng.choice([INT64_MIN, INT64_MAX, -1, 0xFFFFFFFF, -0x80000000, self.value()]))
                self.li(out, b, rng.choice([INT64_MIN, INT64_MAX, -1, 2, self.value()]))
        else:
            wide = rng.random() < 0.5
            op = rng.choice(DIVW_OPS if wide else DIV_OPS)
            y = rng.random()
            if y < 0.3:
                # divide by zero (x0 or a zeroed register; W: only the low word zero)
                if rng.random() < 0.3 or not self.writable(b):
                    b = 0
                else:
                    self.li(out, b, (rng.getrandbits(32) << 32) if wide and rng.random() < 0.5 else 0)
                if rng.random() < 0.3:
                    self.li(out, a, rng.choice([INT64_MIN, -1, 0, 1, -0x80000000]))
            elif y < 0.55:
                # overflow: INT_MIN / -1
                if wide:
                    self.li(out, a, (rng.getrandbits(32) << 32) | 0x80000000 if rng.random() < 0.5 else -0x80000000)
                    self.li(out, b, (rng.getrandbits(32) << 32) | 0xFFFFFFFF if rng.random() < 0.5 else -1)
                else:
                    self.li(out, a, INT64_MIN)
                    self.li(out, b, -1)
            elif y < 0.7:
                self.li(out, a, self.value())
                self.li(out, b, rng.choice([1, -1, 2, -2, 3, 7, -7, 0xFFFFFFFF, INT64_MIN, INT64_MAX]))
        d = self.rd_maybe_alias([a, b])
        out.append("    %s %s, %s, %s" % (op, self.r(d), self.r(a), self.r(b)))
        return d

    def mem_offset(self, size, lo=DATA_LO, hi=DATA_HI):
        """An offset from the base, naturally aligned, with [off, off+size) in [lo, hi)."""
        rng = self.rng
        if rng.random() < 0.5:
            lo2 = max(lo, self.hot)
            hi2 = min(hi, self.hot + 64)
            if hi2 - lo2 >= size:
                lo, hi = lo2, hi2
        first = -((-lo) // size) * size if lo < 0 else ((lo + size - 1) // size) * size
        last = hi - size
        k = rng.randrange(0, (last - first) // size + 1)
        return first + k * size

    def address(self, out, size):
        """Returns 'off(reg)' for an aligned in-range access of `size` bytes."""
        rng = self.rng
        if rng.random() < 0.6:
            return "%d(%s)" % (self.mem_offset(size), self.r(self.base))
        # base + (rX & mask) + off, with off <= 0: data-dependent addresses
        t = self.rd()
        if t == 0:
            return "%d(%s)" % (self.mem_offset(size), self.r(self.base))
        x = self.rs()
        mask = rng.choice([0x7FF, 0xFF, 0x3F, 0x1F]) & ~(size - 1)
        out.append("    andi %s, %s, %d" % (self.r(t), self.r(x), mask))
        out.append("    add %s, %s, %s" % (self.r(t), self.r(t), self.r(self.base)))
        # address = base + [0, mask] + off must stay within [DATA_LO, DATA_HI - size]
        off = self.mem_offset(size, DATA_LO, DATA_HI - mask)
        return "%d(%s)" % (off, self.r(t))

    def load(self, out):
        op, size = self.rng.choice(LOADS)
        addr = self.address(out, size)
        d = self.rd()
        out.append("    %s %s, %s" % (op, self.r(d), addr))
        return d

    def store(self, out):
        op, size = self.rng.choice(STORES)
        addr = self.address(out, size)
        out.append("    %s %s, %s" % (op, self.r(self.rs()), addr))

    def misc(self, out):
        rng = self.rng
        x = rng.random()
        if x < 0.3:
            out.append("    " + rng.choice(["fence", "fence rw, rw", "fence iorw, iorw", "fence r, w"]))
        elif x < 0.5:
            out.append("    nop")
        else:
            # reseed a register with an edge value
            self.li(out, self.rd(), self.value())

    def straight(self, out):
        x = self.rng.random()
        d = 0
        if x < 0.25:
            d = self.alu_r(out)
        elif x < 0.45:
            d = self.alu_i(out)
        elif x < 0.50:
            d = self.upper(out)
        elif x < 0.68:
            d = self.muldiv(out)
        elif x < 0.80:
            d = self.load(out)
        elif x < 0.92:
            self.store(out)
        else:
            self.misc(out)
        if d != 0 and self.rng.random() < 0.3:
            # make the result observable even if the register is overwritten later
            out.append("    sd %s, %d(%s)" % (self.r(d), self.mem_offset(8), self.r(self.base)))

    # -- control flow -----------------------------------------------------
    def body(self, out, n):
        for _ in range(n):
            self.item(out)

    def branch(self, out):
        rng = self.rng
        op = rng.choice(BRANCHES)
        a, b = self.rs(), self.rs()
        x = rng.random()
        if x < 0.15:
            b = a
        elif x < 0.35:
            pair = rng.choice([(INT64_MIN, 0), (-1, 0), (-1, 1), (INT64_MAX, INT64_MIN), (5, 5), (0, 0x80000000)])
            if rng.random() < 0.5:
                pair = pair[::-1]
            self.li(out, a, pair[0])
            self.li(out, b, pair[1])
        skip = self.new_label("skip")
        out.append("    %s %s, %s, %s" % (op, self.r(a), self.r(b), skip))
        self.body(out, rng.randrange(1, 6))
        out.append(skip + ":")

    def jal(self, out):
        rng = self.rng
        target = self.new_label("jal")
        out.append("    jal %s, %s" % (self.r(self.rd()), target))
        self.body(out, rng.randrange(1, 4))
        out.append(target + ":")

    def jalr(self, out):
        rng = self.rng
        t = self.rd()
        if t == 0:
            t = next(n for n in range(5, 32) if self.writable(n))
        target = self.new_label("jalr")
        off = rng.choice([0, 0, 4, -4, 2047, -2048, rng.randrange(-2048, 2048)])
        odd = rng.choice([0, 1])  # bit 0 of the sum must be cleared
        out.append("    lla %s, %s%+d" % (self.r(t), target, -off + odd))
        d = t if rng.random() < 0.3 else self.rd()  # rd == rs1 is a classic bug
        out.append("    jalr %s, %d(%s)" % (self.r(d), off, self.r(t)))
        self.body(out, rng.randrange(1, 4))
        out.append(target + ":")

    def call(self, out):
        """jal link, sub; j after; sub: body; jalr x0, 0(link); after:"""
        rng = self.rng
        link = self.rd()
        if link == 0:
            link = 1 if self.writable(1) else next(n for n in range(5, 32) if self.writable(n))
        sub, after = self.new_label("sub"), self.new_label("ret")
        out.append("    jal %s, %s" % (self.r(link), sub))
        out.append("    j %s" % after)
        out.append(sub + ":")
        self.reserved.add(link)
        self.body(out, rng.randrange(1, 6))
        self.reserved.discard(link)
        out.append("    jalr zero, 0(%s)" % self.r(link))
        out.append(after + ":")

    def loop(self, out):
        rng = self.rng
        c = self.rd()
        if c == 0:
            return self.straight(out)
        n = rng.randrange(1, 7)
        head = self.new_label("loop")
        out.append("    li %s, %d" % (self.r(c), n))
        out.append(head + ":")
        self.reserved.add(c)
        self.body(out, rng.randrange(2, 8))
        self.reserved.discard(c)
        out.append("    addi %s, %s, -1" % (self.r(c), self.r(c)))
        back = rng.choice(["bne", "blt", "bltu", "bge"])
        if back == "bge":
            # counter >= 1 -> again; needs another register holding 1
            one = next((k for k in rng.sample(range(1, 32), 31) if self.writable(k) and k != c), None)
            if one is not None:
                out.append("    li %s, 1" % self.r(one))
                out.append("    bge %s, %s, %s" % (self.r(c), self.r(one), head))
                return
            back = "bne"
        if back == "bne":
            out.append("    bne %s, zero, %s" % (self.r(c), head))
        else:
            out.append("    %s zero, %s, %s" % (back, self.r(c), head))

    def item(self, out):
        rng = self.rng
        if self.depth < 2 and rng.random() < 0.12:
            self.depth += 1
            kind = rng.random()
            if kind < 0.40:
                self.branch(out)
            elif kind < 0.55:
                self.jal(out)
            elif kind < 0.70:
                self.jalr(out)
            elif kind < 0.82:
                self.call(out)
            else:
                self.loop(out)
            self.depth -= 1
        else:
            self.straight(out)

    # -- whole program ----------------------------------------------------
    def generate(self):
        rng = self.rng
        base = self.r(self.base)
        header = [
            "// rvgen seed=%d size=%d base=%s" % (self.seed, self.size, base),
            "    .option norelax",
            "    .text",
            "    .globl _start",
            "    .p2align 2",
            "_start:",
        ]
        prologue = []
        order = list(range(1, 32))
        rng.shuffle(order)
        for n in order:
            if n != self.base:
                prologue.append("    li %s, %d" % (self.r(n), self.value()))
        prologue.append("    lla %s, arena+%d" % (base, BASE_OFFSET))

        chunks = []
        for _ in range(self.size):
            chunk = []
            self.item(chunk)
            chunks.append(chunk)

        epilogue = ["// dump x1..x31 to the arena, then write the arena to fd 1"]
        for n in range(1, 32):
            epilogue.append("    sd %s, %d(%s)" % (self.r(n), (n - 1) * 8 - BASE_OFFSET, base))
        # Write [0, ARENA_SIZE) in randomly cut pieces.
        cuts = sorted(set(rng.randrange(1, ARENA_SIZE) for _ in range(rng.randrange(0, 6))))
        bounds = [0] + cuts + [ARENA_SIZE]
        epilogue.append("    addi s1, %s, %d" % (base, -BASE_OFFSET))
        for lo, hi in zip(bounds, bounds[1:]):
            epilogue.append("    addi a1, s1, %d" % lo if lo < 2048 else "    li a1, %d\n    add a1, s1, a1" % lo)
            epilogue.append("    li a2, %d" % (hi - lo))
            epilogue.append("    jal ra, .Lwrite")
        exit_nr = rng.choice([93, 94])
        epilogue += [
            "    li a0, 0",
            "    li a7, %d" % exit_nr,
            "    ecall",
            "    j .Lfail",
            "// write(1, a1, a2) until done; the VM may return short counts",
            ".Lwrite:",
            "    beqz a2, 2f",
            "1:  li a0, 1",
            "    li a7, 64",
            "    ecall",
            "    blez a0, .Lfail",
            "    add a1, a1, a0",
            "    sub a2, a2, a0",
            "    bnez a2, 1b",
            "2:  ret",
            ".Lfail:",
            "    li a0, 3",
            "    li a7, 93",
            "    ecall",
            "    j .Lfail",
        ]

        data = []
        in_bss = rng.random() < 0.25
        if in_bss:
            data += ["    .bss", "    .p2align 12", "arena:", "    .zero %d" % ARENA_SIZE]
        else:
            data += ["    .data", "    .p2align 12", "arena:", "    .zero %d" % DATA_OFFSET]
            for _ in range((ARENA_SIZE - DATA_OFFSET) // 8):
                v = self.value() if rng.random() < 0.3 else rng.getrandbits(64)
                data.append("    .quad %d" % (to_signed64(v) & ((1 << 64) - 1)))
        # something after the arena, so an out-of-range access would not be silently in bounds
        data += ["    .data", "    .p2align 3", "after_arena:", "    .quad 0x5a5a5a5a5a5a5a5a"]
        return Program(self.seed, header, prologue, chunks, epilogue, data)


def generate(seed, size=None):
    rng = random.Random(seed ^ 0x5EED)
    if size is None:
        size = rng.randrange(150, 500)
    return Generator(seed, size).generate()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--size", type=int, default=None, help="number of random chunks (default: 150..500 from the seed)")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    text = generate(args.seed, args.size).render()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
