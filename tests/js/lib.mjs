// Independent implementation of the VM's commitments, written from
// docs/vm.md ("Memory", "Loading", "State commitment and the programHash")
// only. Nothing here is derived from the C++ sources.

import { keccak_256 } from '@noble/hashes/sha3';
import { spawnSync } from 'node:child_process';

// ---------------------------------------------------------------- bytes

export const keccak = (bytes) => keccak_256(bytes);

export function hex(bytes) {
  return Buffer.from(bytes).toString('hex');
}

export function hex0x(bytes) {
  return '0x' + hex(bytes);
}

export function fromHex(s) {
  s = s.trim();
  if (s.startsWith('0x') || s.startsWith('0X')) s = s.slice(2);
  if (s.length % 2 !== 0 || /[^0-9a-fA-F]/.test(s)) {
    throw new Error(`not a hex string: ${JSON.stringify(s.slice(0, 40))}`);
  }
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function concat(...parts) {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// Big-endian unsigned integer of `size` bytes (value: number or bigint,
// negative values are taken modulo 2^(8 size)).
export function be(value, size) {
  let v = BigInt.asUintN(size * 8, BigInt(value));
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

// ---------------------------------------------------------------- ELF64

const PT_LOAD = 1;

// Parses just enough of an ELF64 little-endian file to load it: the entry
// point and the PT_LOAD segments. Throws on anything malformed (this is not a
// re-implementation of the VM's full acceptance rules).
export function parseElf(file) {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 64) throw new Error('shorter than an ELF64 header');
  if (buf.readUInt32BE(0) !== 0x7f454c46) throw new Error('bad ELF magic');
  if (buf[4] !== 2) throw new Error('EI_CLASS is not ELFCLASS64');
  if (buf[5] !== 1) throw new Error('EI_DATA is not little-endian');
  const e_type = buf.readUInt16LE(16);
  const e_machine = buf.readUInt16LE(18);
  const e_entry = buf.readBigUInt64LE(24);
  const e_phoff = buf.readBigUInt64LE(32);
  const e_phentsize = buf.readUInt16LE(54);
  const e_phnum = buf.readUInt16LE(56);
  if (e_type !== 2) throw new Error(`e_type ${e_type} is not ET_EXEC`);
  if (e_machine !== 243) throw new Error(`e_machine ${e_machine} is not RISC-V`);
  if (e_phentsize !== 56) throw new Error(`e_phentsize ${e_phentsize} != 56`);
  if (e_phoff + BigInt(e_phnum) * 56n > BigInt(buf.length)) {
    throw new Error('program headers outside the file');
  }
  const segments = [];
  for (let i = 0; i < e_phnum; i++) {
    const o = Number(e_phoff) + 56 * i;
    const p_type = buf.readUInt32LE(o);
    if (p_type !== PT_LOAD) continue;
    const seg = {
      flags: buf.readUInt32LE(o + 4),
      offset: buf.readBigUInt64LE(o + 8),
      vaddr: buf.readBigUInt64LE(o + 16),
      filesz: buf.readBigUInt64LE(o + 32),
      memsz: buf.readBigUInt64LE(o + 40),
    };
    if (seg.filesz > seg.memsz) throw new Error(`PT_LOAD ${i}: filesz > memsz`);
    if (seg.offset + seg.filesz > BigInt(buf.length)) {
      throw new Error(`PT_LOAD ${i}: file range outside the file`);
    }
    if (seg.vaddr < 0x10000n || seg.vaddr + seg.memsz > 1n << 32n) {
      throw new Error(`PT_LOAD ${i}: address range outside [0x10000, 2^32)`);
    }
    seg.bytes = new Uint8Array(
      file.buffer,
      file.byteOffset + Number(seg.offset),
      Number(seg.filesz),
    );
    segments.push(seg);
  }
  return { entry: e_entry, segments };
}

// ---------------------------------------------------------------- memory

export const LEAF = 32;
export const DEPTH = 27; // 2^27 leaves of 32 bytes = 4 GiB

// Z[0] = 32 zero bytes, Z[k+1] = keccak(Z[k] || Z[k]).
export const Z = (() => {
  const z = [new Uint8Array(32)];
  for (let k = 0; k < DEPTH; k++) z.push(keccak(concat(z[k], z[k])));
  return z;
})();

// Sparse guest memory: leaf index -> 32 bytes. Leaves never written are zero.
export class SparseMemory {
  constructor() {
    this.leaves = new Map();
  }

  clone() {
    const m = new SparseMemory();
    for (const [k, v] of this.leaves) m.leaves.set(k, v.slice());
    return m;
  }

  write(addr, bytes) {
    addr = Number(addr);
    if (addr < 0 || addr + bytes.length > 2 ** 32) throw new Error('write outside memory');
    for (let i = 0; i < bytes.length; i++) {
      const a = addr + i;
      const li = Math.floor(a / LEAF);
      let leaf = this.leaves.get(li);
      if (!leaf) {
        leaf = new Uint8Array(LEAF);
        this.leaves.set(li, leaf);
      }
      leaf[a % LEAF] = bytes[i];
    }
  }

  read(addr, n) {
    addr = Number(addr);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = addr + i;
      const leaf = this.leaves.get(Math.floor(a / LEAF));
      out[i] = leaf ? leaf[a % LEAF] : 0;
    }
    return out;
  }

  // The Merkle root: leaves as they are, inner = keccak(left || right),
  // missing subtrees at level k are Z[k].
  root() {
    let level = new Map(this.leaves);
    for (let k = 0; k < DEPTH; k++) {
      const up = new Map();
      for (const i of level.keys()) {
        const p = Math.floor(i / 2);
        if (up.has(p)) continue;
        const l = level.get(2 * p) ?? Z[k];
        const r = level.get(2 * p + 1) ?? Z[k];
        up.set(p, keccak(concat(l, r)));
      }
      level = up;
    }
    return level.get(0) ?? Z[DEPTH];
  }
}

// Memory right after loading: each PT_LOAD's file bytes at its address, the
// rest (.bss and everything else) zero.
export function loadImage(file) {
  const elf = parseElf(file);
  const mem = new SparseMemory();
  for (const s of elf.segments) mem.write(s.vaddr, s.bytes);
  return { elf, mem };
}

// ---------------------------------------------------------------- state

export const STATE_SIZE = 451;
export const STATE_LAYOUT_VERSION = 2;
export const INITIAL_SP = 0xffffffc0n;

export const STATUS = { running: 0, exited: 1, trapped: 2 };
export const TRAP_KIND = {
  none: 0,
  'illegal-instruction': 1,
  breakpoint: 2,
  'misaligned-fetch': 3,
  'fetch-fault': 4,
  'misaligned-load': 5,
  'load-fault': 6,
  'misaligned-store': 7,
  'store-fault': 8,
  'unknown-syscall': 9,
};

// Response commitment from the response byte stream (fd 1):
//   chain: c0 = 32 zero bytes, c(k+1) = keccak(c(k) || block k) over the
//          complete 32-byte blocks;
//   pending: the bytes after the last complete block, then zeros (32 bytes);
//   length: the total number of bytes.
export function responseCommitment(bytes) {
  const full = Math.floor(bytes.length / 32);
  let chain = new Uint8Array(32);
  for (let k = 0; k < full; k++) {
    chain = keccak(concat(chain, bytes.subarray(32 * k, 32 * k + 32)));
  }
  const pending = new Uint8Array(32);
  pending.set(bytes.subarray(32 * full));
  return { chain, pending, length: BigInt(bytes.length) };
}

// The data root of docs/data-roots.md: 32-byte chunks (the last one
// zero-padded) as the unhashed leaves of a binary keccak tree padded with
// zero leaves to a power of two, then keccak256(treeRoot || uint256 length).
export function dataRoot(bytes) {
  let level = [];
  for (let at = 0; at < bytes.length; at += 32) {
    const chunk = new Uint8Array(32);
    chunk.set(bytes.subarray(at, Math.min(at + 32, bytes.length)));
    level.push(chunk);
  }
  if (level.length === 0) level.push(new Uint8Array(32));
  let width = 1;
  while (width < level.length) width *= 2;
  while (level.length < width) level.push(new Uint8Array(32));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(keccak(concat(level[i], level[i + 1])));
    level = next;
  }
  return keccak(concat(level[0], be(BigInt(bytes.length), 32)));
}

// Packs the 451-byte state of docs/vm.md "Packed state" (layout version 2).
// Fields that are not given are zero; x is an array of 32 register values
// (x[0] ignored).
export function packState({
  memoryRoot,
  requestRoot = new Uint8Array(32),
  requestOffset = 0n,
  response = null, // { chain, pending, length } or null for the empty one
  steps = 0n,
  pc = 0n,
  status = 0,
  trapKind = 0,
  exitCode = 0n,
  x = [],
}) {
  const resp = response ?? responseCommitment(new Uint8Array(0));
  const s = new Uint8Array(STATE_SIZE);
  const put = (off, bytes, size) => {
    if (bytes.length !== size) throw new Error(`field at ${off}: ${bytes.length} bytes, want ${size}`);
    s.set(bytes, off);
  };
  put(0, be(STATE_LAYOUT_VERSION, 1), 1);
  put(1, memoryRoot, 32);
  put(33, requestRoot, 32);
  put(65, be(requestOffset, 8), 8);
  put(73, resp.chain, 32);
  put(105, resp.pending, 32);
  put(137, be(resp.length, 8), 8);
  put(145, be(steps, 8), 8);
  put(153, be(pc, 8), 8);
  put(161, be(status, 1), 1);
  put(162, be(trapKind, 1), 1);
  put(163, be(exitCode, 8), 8);
  put(171, new Uint8Array(32), 32); // extensionRoot: nothing beyond RV64IM
  for (let r = 1; r <= 31; r++) put(203 + 8 * (r - 1), be(x[r] ?? 0n, 8), 8);
  return s;
}

export const stateRoot = (packed) => keccak(packed);

// The absolute prestate of an image (requestRoot zero) or, with a request,
// the state that serves it.
export function initialState(file, request = null) {
  const { elf, mem } = loadImage(file);
  const x = new Array(32).fill(0n);
  x[2] = INITIAL_SP;
  const memoryRoot = mem.root();
  const packed = packState({
    memoryRoot,
    requestRoot: request === null ? new Uint8Array(32) : dataRoot(request),
    pc: elf.entry,
    x,
  });
  return { elf, mem, memoryRoot, packed, root: stateRoot(packed) };
}

// ---------------------------------------------------------------- harness

export function parseArgs(argv, flags) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (flags.includes(a)) {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      opts[a.replace(/^--/, '')] = argv[++i];
    } else {
      rest.push(a);
    }
  }
  return { opts, rest };
}

export function run(cmd, args, input) {
  const r = spawnSync(cmd, args, {
    input,
    maxBuffer: 1 << 30,
    encoding: 'buffer',
  });
  if (r.error) throw r.error;
  return {
    status: r.status,
    stdout: r.stdout.toString(),
    stderr: r.stderr.toString(),
    stderrBytes: r.stderr,
  };
}

export class Checks {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  check(name, ok, detail = '') {
    if (ok) this.passed++;
    else this.failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail && !ok ? `: ${detail}` : ''}`);
    return ok;
  }

  eq(name, got, want) {
    return this.check(name, got === want, `got ${got}, want ${want}`);
  }

  // Runs fn; an exception counts as one failed check.
  guard(name, fn) {
    try {
      return fn();
    } catch (e) {
      this.check(name, false, e?.stack ?? String(e));
      return undefined;
    }
  }

  finish() {
    console.log(`js: ${this.passed} passed, ${this.failed} failed`);
    process.exit(this.failed === 0 ? 0 : 1);
  }
}
