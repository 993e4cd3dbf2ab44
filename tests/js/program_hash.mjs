#!/usr/bin/env node
// Independent check of the programHash, the memory root and the step-0
// checkpoint of `vcc vm run`, computed from docs/vm.md alone.
//
//   node program_hash.mjs --vcc PATH IMAGE...

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  dataRoot, Checks, hex0x, initialState, keccak, parseArgs, run, responseCommitment,
} from './lib.mjs';

// responseCommitment(bytes) -> { chain, pending, length } lives in lib.mjs;
// re-exported here so that importing this file (which does not run the
// checks) gives it too.
export { responseCommitment };

const c = new Checks();
let vcc;
let tmp;

// A deterministic request per image, over a few 32-byte leaves and not a
// multiple of 32 bytes long.
function requestFor(name) {
  const out = new Uint8Array(77 + (name.length % 13));
  for (let i = 0; i < out.length; i++) out[i] = (i * 151 + name.charCodeAt(i % name.length)) & 0xff;
  return out;
}

function parseJson(name, text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    c.check(`${name}: output is JSON`, false, `${e.message}: ${text.slice(0, 200)}`);
    return null;
  }
}

// The step-0 checkpoint of a run, from --checkpoint-every's JSON report.
function step0(name, args) {
  const r = run(vcc, ['vm', 'run', ...args, '--checkpoint-every', '1000000000',
    '--max-steps', '100000', '--json', '--output', '/dev/null']);
  // The guest may exit with any code, trap (100) or hit the limit (101).
  if (!c.check(`${name}: vm run ran`, r.status !== 2 && r.status !== null,
    `exit ${r.status}; stderr: ${r.stderr.trim()}`)) return undefined;
  const j = parseJson(name, r.stdout);
  const cp = j?.checkpoints?.[0];
  if (!c.check(`${name}: first checkpoint is step 0`, cp?.step === 0,
    JSON.stringify(j?.checkpoints?.slice(0, 2)))) return undefined;
  return cp.stateRoot;
}

function checkImage(image) {
  const name = basename(image);
  c.guard(`${name}: independent computation`, () => {
    const file = new Uint8Array(readFileSync(image));
    const pre = initialState(file);
    const programHash = hex0x(pre.root);

    // 1. `vcc vm hash IMAGE`
    const h = run(vcc, ['vm', 'hash', image]);
    c.eq(`${name}: vm hash = programHash`, h.stdout.trim(), programHash);

    // 2. `vcc vm hash IMAGE --json`
    const hj = run(vcc, ['vm', 'hash', image, '--json']);
    const j = parseJson(`${name}: vm hash --json`, hj.stdout);
    if (j) {
      c.eq(`${name}: vm hash --json programHash`, j.programHash, programHash);
      c.eq(`${name}: vm hash --json memoryRoot`, j.memoryRoot, hex0x(pre.memoryRoot));
      if ('entry' in j) c.eq(`${name}: vm hash --json entry`, BigInt(j.entry), pre.elf.entry);
    }

    // 3. `vcc vm run IMAGE --input FILE`: step 0 = prestate with the request bound.
    const request = requestFor(name);
    const reqFile = join(tmp, `${name}.request`);
    writeFileSync(reqFile, request);
    const want = hex0x(initialState(file, request).root);
    const got = step0(`${name} --input (${request.length} bytes)`, [image, '--input', reqFile]);
    if (got !== undefined) c.eq(`${name}: step-0 checkpoint = prestate + dataRoot(request)`, got, want);

    // 4. Without --input the request is empty: requestRoot = dataRoot(""), not zero.
    const gotEmpty = step0(`${name} no --input`, [image]);
    if (gotEmpty !== undefined) {
      c.eq(`${name}: step-0 checkpoint without --input = prestate + dataRoot("")`, gotEmpty,
        hex0x(initialState(file, new Uint8Array(0)).root));
    }

    // 5. The response commitment is computable from the "response" field.
    const rr = run(vcc, ['vm', 'run', image, '--input', reqFile, '--max-steps', '100000', '--json']);
    const rj = rr.status === 2 ? null : parseJson(`${name}: vm run --json`, rr.stdout);
    if (rj && rj.status === 'exited') {
      const resp = new Uint8Array(Buffer.from((rj.response ?? '0x').replace(/^0x/, ''), 'hex'));
      const rc = responseCommitment(resp);
      c.check(`${name}: response commitment computable (${resp.length} bytes, chain ${hex0x(rc.chain).slice(0, 10)}…)`,
        rc.length === BigInt(resp.length) && rc.pending.length === 32 && rc.chain.length === 32);
    }
  });
}

function main() {
  const { opts, rest: images } = parseArgs(process.argv.slice(2), ['--vcc']);
  if (!opts.vcc || images.length === 0) {
    console.error('usage: node program_hash.mjs --vcc PATH IMAGE...');
    process.exit(2);
  }
  vcc = opts.vcc;
  tmp = mkdtempSync(join(tmpdir(), 'vcc-js-'));
  try {
    // The doc's own fixed point.
    c.eq('keccak256("")', hex0x(keccak(new Uint8Array(0))),
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    // dataRoot("") = keccak256(32 zero bytes || 32 zero bytes) by docs/data-roots.md.
    c.eq('dataRoot("") (requestRoot of an empty request)', hex0x(dataRoot(new Uint8Array(0))),
      hex0x(keccak(new Uint8Array(64))));
    for (const image of images) checkImage(image);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  c.finish();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
