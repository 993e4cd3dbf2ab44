// One-step verifier gas, side by side in one in-process EVM (@ethereumjs/evm):
// vcc's contracts/StepVerifier.sol on vcc's own step vectors; Cannon's
// MIPS.sol (Optimism, MIPS32) on addu, lw and sw steps built here; and
// Asterisc's RISCV.sol (RV64) on add, ld and sd steps built here, each with
// its own state and proof formats and its own compiler settings. The peers'
// sources are read from checkouts given by path; nothing of them is in this
// repository.
//
//   node step_gas.mjs --vcc-contracts ../../contracts --vcc-vectors VECTORS.json \
//       --cannon OPTIMISM/packages/contracts-bedrock [--asterisc ASTERISC/rvsol/src]
//
// VECTORS.json: the output of build/tests/contracts/step_vectors_tool.
// Prints a markdown table: execution gas, calldata bytes, and the cost as a
// transaction under EIP-7623 (21,000 + max(standard calldata + execution,
// floor of 10/40 gas per zero/non-zero byte)).
import { readFileSync } from 'node:fs';
import { join, dirname, normalize } from 'node:path';
import solc from 'solc';
import solc0815 from 'solc-0815';
import solc0825 from 'solc-0825';
import { AbiCoder, Interface, keccak256, concat, zeroPadValue, toBeHex, getBytes, hexlify } from 'ethers';
import { createEVM } from '@ethereumjs/evm';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
for (const needed of ['vcc-contracts', 'vcc-vectors', 'cannon']) {
  if (!args[needed]) { console.error(`usage: node step_gas.mjs --vcc-contracts DIR --vcc-vectors FILE --cannon DIR`); process.exit(2); }
}

const evm = await createEVM();
const hexToBytes = (hex) => getBytes(hex.startsWith('0x') ? hex : '0x' + hex);
async function deploy(bytecode) {
  const result = await evm.runCall({ data: hexToBytes(bytecode), gasLimit: 30_000_000n });
  if (result.execResult.exceptionError) throw new Error(`deploy: ${result.execResult.exceptionError.error}`);
  return result.createdAddress;
}
async function call(to, data) {
  const result = await evm.runCall({ to, data: hexToBytes(data), gasLimit: 30_000_000n });
  return { error: result.execResult.exceptionError?.error, gas: Number(result.execResult.executionGasUsed),
           returnValue: hexlify(result.execResult.returnValue) };
}
function transactionGas(data, execution) {
  const bytes = getBytes(data);
  const zeros = bytes.filter((b) => b === 0).length, nonzeros = bytes.length - zeros;
  return 21000 + Math.max(4 * zeros + 16 * nonzeros + execution, 10 * zeros + 40 * nonzeros);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---------------------------------------------------------------- vcc
const vccSource = readFileSync(join(args['vcc-contracts'], 'StepVerifier.sol'), 'utf8');
const vccOut = JSON.parse(solc.compile(JSON.stringify({
  language: 'Solidity', sources: { 'StepVerifier.sol': { content: vccSource } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
})));
const vccContract = vccOut.contracts['StepVerifier.sol'].StepVerifier;
const vccAbi = new Interface(vccContract.abi);
const vccAddress = await deploy(vccContract.evm.bytecode.object);
const vectors = JSON.parse(readFileSync(args['vcc-vectors'], 'utf8'));
const vccRows = {};
for (const kind of ['alu', 'load', 'store']) {
  const rows = [];
  for (const v of vectors.filter((v) => v.post !== null && v.name.startsWith('fuzz') && v.name.split(' ')[2] === kind)) {
    const data = vccAbi.encodeFunctionData('step', [v.pre, v.proof]);
    const r = await call(vccAddress, data);
    if (r.error || vccAbi.decodeFunctionResult('step', r.returnValue)[0] !== v.post) throw new Error(`vcc ${v.name}: ${r.error}`);
    rows.push({ gas: r.gas, bytes: getBytes(data).length, tx: transactionGas(data, r.gas) });
  }
  vccRows[kind] = { n: rows.length, gas: median(rows.map((r) => r.gas)), bytes: median(rows.map((r) => r.bytes)),
                    tx: median(rows.map((r) => r.tx)) };
}

// ---------------------------------------------------------------- Cannon
const bedrock = args.cannon;
const readSource = (path) => {
  if (path === '@lib-keccak/LibKeccak.sol') {
    // lib-keccak is a submodule of the Optimism repository; MIPS.sol only
    // needs the StateMatrix type that IPreimageOracle names.
    return { contents: 'pragma solidity ^0.8.0; library LibKeccak { struct StateMatrix { uint64[25] state; } }' };
  }
  try { return { contents: readFileSync(join(bedrock, path), 'utf8') }; } catch (e) { return { error: String(e) }; }
};
const cannonOut = JSON.parse(solc0815.compile(JSON.stringify({
  language: 'Solidity', sources: { 'src/cannon/MIPS.sol': { content: readSource('src/cannon/MIPS.sol').contents } },
  settings: { optimizer: { enabled: true, runs: 999999 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
}), { import: readSource }));
const cannonErrors = (cannonOut.errors ?? []).filter((e) => e.severity === 'error');
if (cannonErrors.length) throw new Error(cannonErrors.map((e) => e.formattedMessage).join('\n'));
const mips = cannonOut.contracts['src/cannon/MIPS.sol'].MIPS;
const mipsAbi = new Interface(mips.abi);
const mipsAddress = await deploy(mips.evm.bytecode.object + AbiCoder.defaultAbiCoder().encode(['address'], ['0x' + '00'.repeat(19) + '01']).slice(2));

// A sparse binary Merkle tree of keccak256 over 32-byte leaves (unhashed)
// of `depth` levels: Cannon's over 2^32 bytes (27), Asterisc's over 2^64
// (59). `bytes` is a list of [address, Uint8Array] written in address order.
const zero = [zeroPadValue('0x', 32)];
for (let l = 1; l <= 64; l++) zero.push(keccak256(concat([zero[l - 1], zero[l - 1]])));
function memoryTree(depth, bytes) {
  const leaves = new Map();
  for (const [address, data] of bytes) {
    for (let k = 0; k < data.length; k++) {
      const at = BigInt(address) + BigInt(k), index = at >> 5n;
      const leaf = getBytes(leaves.get(index) ?? zero[0]).slice();
      leaf[Number(at & 31n)] = data[k];
      leaves.set(index, hexlify(leaf));
    }
  }
  const node = (level, index) => {
    if (level === 0) return leaves.get(index) ?? zero[0];
    const first = index << BigInt(level), last = first + (1n << BigInt(level));
    if (![...leaves.keys()].some((i) => i >= first && i < last)) return zero[level];
    return keccak256(concat([node(level - 1, 2n * index), node(level - 1, 2n * index + 1n)]));
  };
  const proof = (address) => {
    const index = BigInt(address) >> 5n;
    const parts = [node(0, index)];
    for (let l = 0; l < depth; l++) parts.push(node(l, (index >> BigInt(l)) ^ 1n));
    return concat(parts);
  };
  return { root: node(depth, 0n), proof };
}
const bigEndian32 = (v) => getBytes(zeroPadValue(toBeHex(v >>> 0), 4));
const littleEndian = (v, n) => getBytes(zeroPadValue(toBeHex(BigInt.asUintN(8 * n, BigInt(v))), n)).reverse();
function mipsState({ memRoot, pc, registers }) {
  const u = (v, n) => zeroPadValue(toBeHex(v), n);
  return concat([memRoot, zeroPadValue('0x', 32), u(0, 4), u(pc, 4), u(pc + 4, 4), u(0, 4), u(0, 4), u(0, 4),
                 u(0, 1), u(0, 1), u(0, 8), ...registers.map((r) => u(r, 4))]);
}
const pc = 0x00400000, data = 0x00100000;
const registers = Array(32).fill(0);
registers[1] = data; registers[2] = 7; registers[29] = 0x7fff0000;
const steps = {
  alu: { insn: (1 << 21) | (2 << 16) | (3 << 11) | 0x21, name: 'addu $3, $1, $2', proofs: 1 },
  load: { insn: ((0x23 << 26) | (1 << 21) | (3 << 16) | 4) >>> 0, name: 'lw $3, 4($1)', proofs: 2, address: data + 4 },
  store: { insn: ((0x2b << 26) | (1 << 21) | (2 << 16) | 8) >>> 0, name: 'sw $2, 8($1)', proofs: 2, address: data + 8 },
};
const cannonRows = {};
for (const [kind, s] of Object.entries(steps)) {
  const tree = memoryTree(27, [[pc, bigEndian32(s.insn)], [data + 4, bigEndian32(0x12345678)],
                               [data + 8, bigEndian32(0x9abcdef0)]]);
  const state = mipsState({ memRoot: tree.root, pc, registers });
  const proof = s.proofs === 1 ? tree.proof(pc) : concat([tree.proof(pc), tree.proof(s.address)]);
  const calldata = mipsAbi.encodeFunctionData('step', [state, proof, zeroPadValue('0x', 32)]);
  const r = await call(mipsAddress, calldata);
  if (r.error) throw new Error(`Cannon ${s.name}: ${r.error} ${r.returnValue}`);
  // The proof is checked: a flipped sibling must revert.
  const bad = getBytes(proof).slice();
  bad[40] ^= 1;
  const rejected = await call(mipsAddress, mipsAbi.encodeFunctionData('step', [state, hexlify(bad), zeroPadValue('0x', 32)]));
  if (!rejected.error) throw new Error(`Cannon ${s.name}: a flipped sibling was accepted`);
  cannonRows[kind] = { name: s.name, gas: r.gas, bytes: getBytes(calldata).length, tx: transactionGas(calldata, r.gas) };
}

// ---------------------------------------------------------------- Asterisc
const asteriscRows = {};
if (args.asterisc) {
  // RISCV.sol calls the oracle by raw selector; the two interfaces it
  // imports from Optimism (whose current versions pin solc 0.8.15) are only
  // types here: stand-ins with their public signatures.
  const interfaces = {
    '@optimism/src/cannon/interfaces/IPreimageOracle.sol': 'pragma solidity ^0.8.0; interface IPreimageOracle {}',
    '@optimism/src/dispute/interfaces/IBigStepper.sol':
      'pragma solidity ^0.8.0; import { IPreimageOracle } from "@optimism/src/cannon/interfaces/IPreimageOracle.sol";' +
      ' interface IBigStepper { function step(bytes calldata, bytes calldata, bytes32) external returns (bytes32);' +
      ' function oracle() external view returns (IPreimageOracle); }',
  };
  const readAsterisc = (path) => {
    if (interfaces[path]) return { contents: interfaces[path] };
    try { return { contents: readFileSync(join(args.asterisc, path), 'utf8') }; } catch (e) { return { error: String(e) }; }
  };
  const out = JSON.parse(solc0825.compile(JSON.stringify({
    language: 'Solidity', sources: { 'RISCV.sol': { content: readAsterisc('RISCV.sol').contents } },
    settings: { optimizer: { enabled: true, runs: 999999 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }), { import: readAsterisc }));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const riscv = out.contracts['RISCV.sol'].RISCV;
  const riscvAbi = new Interface(riscv.abi);
  const riscvAddress = await deploy(riscv.evm.bytecode.object + AbiCoder.defaultAbiCoder().encode(['address'], ['0x' + '00'.repeat(19) + '01']).slice(2));
  const rvPc = 0x10000n, rvData = 0x200000n;
  const rvRegisters = Array(32).fill(0n);
  rvRegisters[1] = rvData; rvRegisters[2] = 7n; rvRegisters[3] = 0x123456789n;
  const rvSteps = {
    alu: { insn: 0x002081b3, name: 'add x3, x1, x2', proofs: 1 },
    load: { insn: (8 << 20) | (1 << 15) | (3 << 12) | (3 << 7) | 0x03, name: 'ld x3, 8(x1)', proofs: 2, address: rvData + 8n },
    store: { insn: (2 << 20) | (1 << 15) | (3 << 12) | (16 << 7) | 0x23, name: 'sd x2, 16(x1)', proofs: 2, address: rvData + 16n },
  };
  const u = (v, n) => zeroPadValue(toBeHex(v), n);
  for (const [kind, s] of Object.entries(rvSteps)) {
    const tree = memoryTree(59, [[rvPc, littleEndian(s.insn, 4)], [rvData + 8n, littleEndian(0x1122334455667788n, 8)],
                                 [rvData + 16n, littleEndian(0x99aabbccddeeff00n, 8)]]);
    // memRoot, preimageKey, preimageOffset, pc, exitCode, exited, step, heap, loadReservation, x0..x31
    const state = concat([tree.root, zeroPadValue('0x', 32), u(0, 8), u(rvPc, 8), u(0, 1), u(0, 1), u(0, 8), u(0, 8),
                          u(0, 8), ...rvRegisters.map((r) => u(r, 8))]);
    const proof = s.proofs === 1 ? tree.proof(rvPc) : concat([tree.proof(rvPc), tree.proof(s.address)]);
    const calldata = riscvAbi.encodeFunctionData('step', [state, proof, zeroPadValue('0x', 32)]);
    const r = await call(riscvAddress, calldata);
    if (r.error) throw new Error(`Asterisc ${s.name}: ${r.error} ${r.returnValue}`);
    const bad = getBytes(proof).slice();
    bad[40] ^= 1;
    const rejected = await call(riscvAddress, riscvAbi.encodeFunctionData('step', [state, hexlify(bad), zeroPadValue('0x', 32)]));
    if (!rejected.error) throw new Error(`Asterisc ${s.name}: a flipped sibling was accepted`);
    asteriscRows[kind] = { name: s.name, gas: r.gas, bytes: getBytes(calldata).length, tx: transactionGas(calldata, r.gas) };
  }
}

console.log(`solc ${solc.version()} (vcc, optimizer runs 200), ${solc0815.version()} (Cannon MIPS.sol)` +
  (args.asterisc ? `, ${solc0825.version()} (Asterisc RISCV.sol)` : '') + ', peers with optimizer runs 999999; @ethereumjs/evm');
const peers = [['Cannon', cannonRows], ...(args.asterisc ? [['Asterisc', asteriscRows]] : [])];
for (const [peer, rows] of peers) {
  console.log(`\n| step | vcc gas | ${peer} gas | vcc / ${peer} | vcc calldata | ${peer} calldata | vcc tx (EIP-7623) | ${peer} tx | vcc / ${peer} |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const kind of ['alu', 'load', 'store']) {
    const v = vccRows[kind], c = rows[kind];
    console.log(`| ${kind} (vcc median of ${v.n}; ${peer} \`${c.name}\`) | ${v.gas} | ${c.gas} | ${(v.gas / c.gas).toFixed(2)} | ` +
      `${v.bytes} B | ${c.bytes} B | ${v.tx} | ${c.tx} | ${(v.tx / c.tx).toFixed(2)} |`);
  }
}
