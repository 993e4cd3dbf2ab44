#!/usr/bin/env node
// Whole-state check after execution, from docs/vm.md alone.
//
//   node final_state.mjs --vcc PATH
//
// The guest images of the build cannot be followed instruction by
// instruction from JavaScript, so this script builds its own tiny RV64I ELF
// images (an echo loop over read/write, a debug-log write, then `exit` with a
// chosen 64-bit code or `ebreak`) and follows them with a minimal interpreter
// of just the instructions they use. It then compares, for several request
// lengths, every checkpoint of `vcc vm run --checkpoint-every N --json` and
// the final `stateRoot` with the packed state computed here: memory root
// (with the request written into memory), requestRoot/requestOffset, the
// response commitment (chain/pending/length), steps, pc, status, trapKind,
// exitCode and all registers.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Checks, INITIAL_SP, STATUS, TRAP_KIND, be, concat, dataRoot, hex0x, keccak, loadImage,
  packState, parseArgs, responseCommitment, run, stateRoot,
} from './lib.mjs';

// ---------------------------------------------------------------- assembler

const REG = {
  zero: 0, ra: 1, sp: 2, t0: 5, s0: 8, s1: 9, a0: 10, a1: 11, a2: 12, a7: 17, s2: 18,
};

const rType = (f7, rs2, rs1, f3, rd, op) =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const iType = (imm, rs1, f3, rd, op) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;

const ENC = {
  lui: (rd, imm20) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0,
  addi: (rd, rs1, imm) => iType(imm, rs1, 0, rd, 0x13),
  add: (rd, rs1, rs2) => rType(0, rs2, rs1, 0, rd, 0x33),
  sub: (rd, rs1, rs2) => rType(0x20, rs2, rs1, 0, rd, 0x33),
  beq: (rs1, rs2, off) => bType(off, rs2, rs1, 0),
  jal: (rd, off) =>
    ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) |
      (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0,
  ecall: () => 0x00000073,
  ebreak: () => 0x00100073,
};

function bType(off, rs2, rs1, f3) {
  return ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
    (f3 << 12) | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
}

// Splits a value below 2^31 - 2^11 into lui/addi parts.
function hiLo(v) {
  const hi = (v + 0x800) >> 12;
  return [hi, v - (hi << 12)];
}

// items: [op, ...args] or a label string; branch/jump targets are labels.
function assemble(items, base) {
  const labels = {};
  let pc = base;
  for (const it of items) {
    if (typeof it === 'string') labels[it] = pc;
    else pc += 4;
  }
  const words = [];
  pc = base;
  for (const it of items) {
    if (typeof it === 'string') continue;
    const [op, ...args] = it;
    const a = args.map((x) => (typeof x === 'string' && x in REG ? REG[x] : x));
    if (op === 'beq') a[2] = labels[a[2]] - pc;
    if (op === 'jal') a[1] = labels[a[1]] - pc;
    words.push(ENC[op](...a));
    pc += 4;
  }
  const out = new Uint8Array(4 * words.length);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w, true));
  return out;
}

// ---------------------------------------------------------------- image

const TEXT = 0x10000;
const CODE_OFF = 0x100;
const DATA = 0x21000;
const DATA_OFF = 0x1000;
const DATA_FILESZ = 45; // initialised bytes, then .bss
const DATA_MEMSZ = 0x2000;
const BUF = DATA + 13; // deliberately not leaf-aligned
const CAP = 0x1800;

function program(ending) {
  const [bufHi, bufLo] = hiLo(BUF);
  const [capHi, capLo] = hiLo(CAP);
  const items = [
    ['lui', 's0', bufHi], ['addi', 's0', 's0', bufLo],
    ['addi', 's1', 'zero', 0],
    ['lui', 't0', capHi], ['addi', 't0', 't0', capLo],
    'rloop',
    ['addi', 'a7', 'zero', 63], ['addi', 'a0', 'zero', 0],
    ['add', 'a1', 's0', 's1'], ['sub', 'a2', 't0', 's1'],
    ['ecall'],
    ['beq', 'a0', 'zero', 'rdone'],
    ['add', 's1', 's1', 'a0'],
    ['jal', 'zero', 'rloop'],
    'rdone',
    ['addi', 's2', 'zero', 0],
    'wloop',
    ['beq', 's2', 's1', 'wdone'],
    ['addi', 'a7', 'zero', 64], ['addi', 'a0', 'zero', 1],
    ['add', 'a1', 's0', 's2'], ['sub', 'a2', 's1', 's2'],
    ['ecall'],
    ['add', 's2', 's2', 'a0'],
    ['jal', 'zero', 'wloop'],
    'wdone',
    // 5 bytes to the debug log (fd 2): not part of the state.
    ['addi', 'a7', 'zero', 64], ['addi', 'a0', 'zero', 2],
    ['addi', 'a1', 's0', 0], ['addi', 'a2', 'zero', 5],
    ['ecall'],
  ];
  if (ending.ebreak) {
    items.push(['ebreak']);
  } else {
    // a0 = ending.exit as lui (sign-extended) + addi; a 32-bit pattern whose
    // bit 31 is set therefore gives a negative 64-bit code.
    const v = ending.exit;
    const hi = ((v + 0x800) >> 12) & 0xfffff;
    const lo = ((v & 0xfff) << 20) >> 20;
    items.push(['lui', 'a0', hi], ['addi', 'a0', 'a0', lo], ['addi', 'a7', 'zero', 93], ['ecall']);
  }
  items.push(['jal', 'zero', 'wdone']); // never reached
  return assemble(items, TEXT + CODE_OFF);
}

function elf(code) {
  const file = new Uint8Array(DATA_OFF + DATA_FILESZ);
  const dv = new DataView(file.buffer);
  file.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]); // ELFCLASS64, LE, version 1
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 243, true); // EM_RISCV
  dv.setUint32(20, 1, true); // e_version
  dv.setBigUint64(24, BigInt(TEXT + CODE_OFF), true); // e_entry
  dv.setBigUint64(32, 64n, true); // e_phoff
  dv.setBigUint64(40, 0n, true); // e_shoff
  dv.setUint32(48, 0, true); // e_flags: no RVC, soft float
  dv.setUint16(52, 64, true); // e_ehsize
  dv.setUint16(54, 56, true); // e_phentsize
  dv.setUint16(56, 2, true); // e_phnum
  const ph = (i, flags, off, vaddr, filesz, memsz) => {
    const o = 64 + 56 * i;
    dv.setUint32(o, 1, true); // PT_LOAD
    dv.setUint32(o + 4, flags, true);
    dv.setBigUint64(o + 8, BigInt(off), true);
    dv.setBigUint64(o + 16, BigInt(vaddr), true);
    dv.setBigUint64(o + 24, BigInt(vaddr), true);
    dv.setBigUint64(o + 32, BigInt(filesz), true);
    dv.setBigUint64(o + 40, BigInt(memsz), true);
    dv.setBigUint64(o + 48, 0x1000n, true);
  };
  const textSize = CODE_OFF + code.length;
  ph(0, 5 /* R X */, 0, TEXT, textSize, textSize);
  ph(1, 6 /* R W */, DATA_OFF, DATA, DATA_FILESZ, DATA_MEMSZ);
  file.set(code, CODE_OFF);
  for (let i = 0; i < DATA_FILESZ; i++) file[DATA_OFF + i] = 0xa0 + i; // initialised data
  return file;
}

// ---------------------------------------------------------------- interpreter

const M64 = (1n << 64n) - 1n;
const sx = (v, bits) => BigInt.asIntN(bits, BigInt(v));
const capped = (count) => Number(count < 1n << 40n ? count : 1n << 40n);

// Follows the program per docs/vm.md: steps count executed instructions (the
// exiting ecall and a trapping one included); read/write move at most to the
// end of buf's 32-byte leaf.
class Mini {
  constructor(file, request) {
    const { elf: e, mem } = loadImage(file);
    this.mem = mem;
    this.pc = e.entry;
    this.x = new Array(32).fill(0n);
    this.x[2] = INITIAL_SP;
    this.request = request;
    this.requestOffset = 0;
    this.response = [];
    this.debug = [];
    this.steps = 0n;
    this.status = STATUS.running;
    this.trapKind = 0;
    this.exitCode = 0n;
  }

  set(rd, v) { if (rd !== 0) this.x[rd] = BigInt.asUintN(64, v); }

  step() {
    const w = new DataView(this.mem.read(this.pc, 4).buffer).getUint32(0, true);
    const op = w & 0x7f;
    const rd = (w >> 7) & 31;
    const f3 = (w >> 12) & 7;
    const rs1 = (w >> 15) & 31;
    const rs2 = (w >> 20) & 31;
    const f7 = w >>> 25;
    const iimm = sx(w >> 20, 12);
    let next = this.pc + 4n;
    const X = this.x;
    if (op === 0x37) this.set(rd, sx(w & 0xfffff000, 32));
    else if (op === 0x13 && f3 === 0) this.set(rd, X[rs1] + iimm);
    else if (op === 0x33 && f3 === 0 && f7 === 0) this.set(rd, X[rs1] + X[rs2]);
    else if (op === 0x33 && f3 === 0 && f7 === 0x20) this.set(rd, X[rs1] - X[rs2]);
    else if (op === 0x63 && f3 === 0) {
      const off = sx(((w >>> 31) << 12) | (((w >> 7) & 1) << 11) | (((w >> 25) & 0x3f) << 5) |
        (((w >> 8) & 0xf) << 1), 13);
      if (X[rs1] === X[rs2]) next = (this.pc + off) & M64;
    } else if (op === 0x6f) {
      const off = sx(((w >>> 31) << 20) | (((w >> 12) & 0xff) << 12) | (((w >> 20) & 1) << 11) |
        (((w >> 21) & 0x3ff) << 1), 21);
      this.set(rd, next);
      next = (this.pc + off) & M64;
    } else if (w === 0x00100073) {
      this.status = STATUS.trapped;
      this.trapKind = TRAP_KIND.breakpoint;
      this.steps += 1n; // the trap is a step; pc stays on the ebreak
      return false;
    } else if (w === 0x00000073) {
      const n = Number(X[17]);
      const [a0, a1, a2] = [X[10], X[11], X[12]];
      if (n === 63) {
        if (a0 !== 0n) throw new Error('mini: read from fd != 0');
        // At most to the end of the buffer's leaf and of the request's chunk.
        const cnt = Math.max(0, Math.min(capped(a2), 32 - (Number(a1) % 32),
          32 - (this.requestOffset % 32), this.request.length - this.requestOffset));
        this.mem.write(a1, this.request.subarray(this.requestOffset, this.requestOffset + cnt));
        this.requestOffset += cnt;
        this.set(10, BigInt(cnt));
      } else if (n === 64) {
        if (a0 !== 1n && a0 !== 2n) throw new Error('mini: write to fd not 1/2');
        const cnt = Math.min(capped(a2), 32 - (Number(a1) % 32));
        (a0 === 1n ? this.response : this.debug).push(...this.mem.read(a1, cnt));
        this.set(10, BigInt(cnt));
      } else if (n === 93 || n === 94) {
        this.status = STATUS.exited;
        this.exitCode = a0;
      } else {
        throw new Error(`mini: syscall ${n}`);
      }
    } else {
      throw new Error(`mini: unsupported instruction 0x${w.toString(16)}`);
    }
    this.pc = next;
    this.steps++;
    return this.status === STATUS.running;
  }

  packed() {
    return packState({
      memoryRoot: this.mem.root(),
      requestRoot: dataRoot(this.request),
      requestOffset: BigInt(this.requestOffset),
      response: responseCommitment(Uint8Array.from(this.response)),
      steps: this.steps,
      pc: this.pc,
      status: this.status,
      trapKind: this.trapKind,
      exitCode: this.exitCode,
      x: this.x,
    });
  }

  root() { return hex0x(stateRoot(this.packed())); }
}

// ---------------------------------------------------------------- checks

const c = new Checks();
const { opts, rest } = parseArgs(process.argv.slice(2), ['--vcc']);
if (!opts.vcc || rest.length) {
  console.error('usage: node final_state.mjs --vcc PATH');
  process.exit(2);
}
const vcc = opts.vcc;
const tmp = mkdtempSync(join(tmpdir(), 'vcc-js-final-'));

function request(len, salt) {
  const r = new Uint8Array(len);
  for (let i = 0; i < len; i++) r[i] = (i * 37 + salt * 101 + 11) & 0xff;
  return r;
}

const cases = [
  { len: 0, ending: { exit: 0 } },
  { len: 1, ending: { exit: 3 } },
  { len: 19, ending: { exit: 0 } }, // fills BUF's first leaf exactly
  { len: 31, ending: { exit: -1 } }, // all 64 bits set
  { len: 32, ending: { exit: 0x7abcd123 } },
  { len: 33, ending: { exit: 0x80000000 } }, // 0xffffffff80000000
  { len: 64, ending: { ebreak: true } },
  { len: 100, ending: { exit: 42 } },
  { len: 137, ending: { ebreak: true } },
  { len: 300, ending: { exit: 1 } },
  { len: 1000, ending: { exit: 0 } },
];

for (const [i, { len, ending }] of cases.entries()) {
  const end = ending.ebreak ? 'ebreak' : `exit ${BigInt.asUintN(64, BigInt(ending.exit)).toString(16)}`;
  const name = `echo ${len} bytes, ${end}`;
  c.guard(`${name}: runs`, () => {
    const image = elf(program(ending));
    const req = request(len, i);
    const imgPath = join(tmp, `case${i}.elf`);
    const reqPath = join(tmp, `case${i}.req`);
    writeFileSync(imgPath, image);
    writeFileSync(reqPath, req);

    // programHash of our own image.
    const pre = new Mini(image, new Uint8Array(0));
    const prestate = packState({
      memoryRoot: pre.mem.root(), pc: pre.pc, x: pre.x,
    });
    c.eq(`${name}: vm hash`, run(vcc, ['vm', 'hash', imgPath]).stdout.trim(),
      hex0x(stateRoot(prestate)));

    // Follow it, recording the state root at every checkpoint step.
    const every = len <= 64 ? 1 : 7;
    const m = new Mini(image, req);
    const want = new Map([[0, m.root()]]);
    while (m.step()) {
      if (Number(m.steps) % every === 0) want.set(Number(m.steps), m.root());
      if (m.steps > 100000n) throw new Error('mini: runaway');
    }
    // Before a trap, the running state at the final step count.
    const runningAtFinal = want.get(Number(m.steps));
    want.set(Number(m.steps), m.root());

    const r = run(vcc, ['vm', 'run', imgPath, '--input', reqPath, '--checkpoint-every',
      String(every), '--state-root', '--json']);
    const wantExit = ending.ebreak ? 100 : Number(BigInt.asUintN(8, BigInt(ending.exit)));
    c.eq(`${name}: exit status`, r.status, wantExit);
    const j = JSON.parse(r.stdout);
    c.eq(`${name}: status`, j.status, ending.ebreak ? 'trapped' : 'exited');
    c.eq(`${name}: steps`, BigInt(j.steps), m.steps);
    c.eq(`${name}: pc`, BigInt(j.pc), m.pc);
    // exitCode is the process status (low 8 bits); exitValue all 64 bits, in hex.
    c.eq(`${name}: exitCode (low 8 bits)`, j.exitCode, Number(m.exitCode & 0xffn));
    c.eq(`${name}: exitValue (all 64 bits)`,
      j.exitValue === undefined ? undefined : BigInt(j.exitValue), m.exitCode);
    if (ending.ebreak) c.eq(`${name}: trap kind`, j.trap?.kind, 'breakpoint');
    c.eq(`${name}: response`, (j.response ?? '0x').toLowerCase(), hex0x(Uint8Array.from(m.response)));
    c.check(`${name}: debug log (fd 2) on stderr`, r.stderrBytes.includes(Buffer.from(m.debug)),
      `stderr ${JSON.stringify(r.stderr.slice(0, 80))}`);

    const got = new Map((j.checkpoints ?? []).map((cp) => [cp.step, cp.stateRoot]));
    c.eq(`${name}: checkpoint steps`, [...got.keys()].join(','), [...want.keys()].join(','));
    const final = Number(m.steps);
    const bad = [...want].filter(([s, root]) => s !== final && got.get(s) !== root);
    c.check(`${name}: ${want.size - 1} checkpoint roots before the final step (every ${every})`,
      bad.length === 0,
      `first mismatch at step ${bad[0]?.[0]}: vcc ${got.get(bad[0]?.[0])}, js ${bad[0]?.[1]}`);
    c.eq(`${name}: final stateRoot`, j.stateRoot, m.root());
    // docs/vm.md: a checkpoint "at the final step". After a trap the final
    // state (status trapped) has the same step count as the running state
    // before the trapping instruction; the checkpoint must be the final one,
    // whether or not the step is a multiple of N.
    c.check(`${name}: checkpoint at the final step ${final} = final stateRoot`
      + (final % every === 0 ? ` (${final} is a multiple of ${every})` : ''),
    got.get(final) === m.root(),
    `got ${got.get(final)}, want ${m.root()}`
      + (ending.ebreak && got.get(final) === runningAtFinal
        ? ' (vcc gave the running state before the trapping instruction)' : ''));
    if (ending.ebreak) {
      // The same run with a period that does not divide the final step.
      const odd = final + 1;
      const ro = run(vcc, ['vm', 'run', imgPath, '--input', reqPath, '--checkpoint-every',
        String(odd), '--state-root', '--json', '--output', '/dev/null']);
      const cps = JSON.parse(ro.stdout).checkpoints ?? [];
      c.eq(`${name}: checkpoint at the final step with --checkpoint-every ${odd}`,
        cps.at(-1)?.stateRoot, m.root());
    }

    // Out of steps in the middle: the machine stays running, pc = next.
    const limit = Math.max(1, Math.floor(Number(m.steps) / 2));
    const part = new Mini(image, req);
    while (Number(part.steps) < limit && part.step());
    const rl = run(vcc, ['vm', 'run', imgPath, '--input', reqPath, '--max-steps', String(limit),
      '--state-root', '--json', '--output', '/dev/null']);
    const jl = JSON.parse(rl.stdout);
    c.eq(`${name}: --max-steps ${limit} stateRoot (running)`, jl.stateRoot, part.root());
  });
}

if (process.env.VCC_JS_KEEP) console.log(`images and requests kept in ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
c.finish();
