#!/usr/bin/env node
// Differential test of the VM's keccak256 against @noble/hashes.
//
//   node keccak_vectors.mjs --tool PATH [--n N] [--seed SEED]
//
// Runs `PATH --keccak-random N SEED`, which prints N lines `HEXMSG HEXHASH`
// (an empty message may be written as an empty field, `-` or `0x`), and
// compares every hash with noble's keccak_256.

import { Checks, keccak, hex, fromHex, parseArgs, run } from './lib.mjs';

const c = new Checks();
const { opts, rest } = parseArgs(process.argv.slice(2), ['--tool', '--n', '--seed']);
if (!opts.tool || rest.length) {
  console.error('usage: node keccak_vectors.mjs --tool PATH [--n N] [--seed SEED]');
  process.exit(2);
}
const n = Number(opts.n ?? 2000);
const seed = opts.seed ?? '1';

// Published vectors: noble itself must agree (sanity check of the oracle).
c.eq('noble keccak256("")', hex(keccak(new Uint8Array(0))),
  'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
c.eq('noble keccak256("abc")', hex(keccak(new TextEncoder().encode('abc'))),
  '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');

const r = run(opts.tool, ['--keccak-random', String(n), seed]);
if (c.check(`${opts.tool} --keccak-random ${n} ${seed} exits 0`, r.status === 0,
  `exit ${r.status}; stderr: ${r.stderr.trim()}`)) {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  c.eq('line count', lines.length, n);

  let mismatches = 0;
  let bad = 0;
  const lengths = new Set();
  for (const [i, line] of lines.entries()) {
    // `HEXMSG HEXHASH`; a line with only one field has an empty message.
    const fields = line.trim().split(/\s+/);
    let msgHex;
    let hashHex;
    if (fields.length === 2) [msgHex, hashHex] = fields;
    else if (fields.length === 1) [msgHex, hashHex] = ['', fields[0]];
    else {
      bad++;
      if (bad <= 5) c.check(`line ${i + 1} is well-formed`, false, JSON.stringify(line.slice(0, 80)));
      continue;
    }
    if (msgHex === '-' || msgHex === '""') msgHex = '';
    let msg;
    let want;
    try {
      msg = fromHex(msgHex);
      want = fromHex(hashHex);
    } catch (e) {
      bad++;
      if (bad <= 5) c.check(`line ${i + 1} is hex`, false, e.message);
      continue;
    }
    lengths.add(msg.length);
    const got = keccak(msg);
    if (want.length !== 32 || hex(got) !== hex(want)) {
      mismatches++;
      if (mismatches <= 5) {
        c.check(`line ${i + 1} (${msg.length} bytes)`, false,
          `tool ${hex(want)}, noble ${hex(got)}`);
      }
    }
  }
  c.check(`all ${lines.length} lines parse`, bad === 0, `${bad} malformed`);
  c.check(`all ${lines.length} hashes match noble keccak_256`, mismatches === 0,
    `${mismatches} mismatches`);
  const missing = [135, 136, 137].filter((l) => !lengths.has(l));
  c.check('messages include lengths 135, 136, 137 (rate boundary)', missing.length === 0,
    `missing ${missing.join(', ')}`);
  c.check('messages include the empty one', lengths.has(0), 'no line with length 0');
  const max = Math.max(...lengths);
  c.check('lengths stay within 0..1000', max <= 1000, `max ${max}`);
  c.check('messages span several blocks (some > 272 bytes)', max > 272, `max ${max}`);
}

c.finish();
