// The Solidity step verifier (contracts/StepVerifier.sol) against the C++
// verifier: every vector of tests/contracts/step_vectors_tool (fuzzed single
// steps and every step of real programs, each already checked in C++
// against the interpreter) is replayed in an in-process EVM
// (@ethereumjs/evm): a valid proof must give the same post-state root, a
// tampered one (a flipped byte, a byte cut, a byte added) must revert with
// InvalidProof. Checks the deployed code is under the 24,576-byte limit and
// prints gas per step kind (execution gas and calldata bytes).
// Usage: node step_check.mjs CONTRACTS_DIR VECTORS.json
// Last line: 'step-verifier: N passed, M failed'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import solc from 'solc';
import { Interface } from 'ethers';
import { createEVM } from '@ethereumjs/evm';

const [contractsDir, vectorsPath] = process.argv.slice(2);
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8'));
let passed = 0, failed = 0, shown = 0;
const check = (name, ok, detail = '') => {
  if (ok) { passed++; return; }
  failed++;
  if (shown++ < 30) console.log(`FAIL ${name} ${detail}`);
};

const source = 'StepVerifier.sol';
const input = {
  language: 'Solidity',
  sources: { [source]: { content: readFileSync(join(contractsDir, source), 'utf8') } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
check(`compiles with solc ${solc.version()}`, errors.length === 0, errors.map((e) => e.formattedMessage).join('\n'));
const contract = output.contracts?.[source]?.StepVerifier;
if (!contract) {
  console.log(`step-verifier: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}
const codeSize = contract.evm.deployedBytecode.object.length / 2;
console.log(`deployed code: ${codeSize} bytes (limit 24576)`);
check('deployed code under the EIP-170 limit', codeSize < 24576, `${codeSize}`);

const abi = new Interface(contract.abi);
const hexToBytes = (hex) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
const evm = await createEVM();
const deployed = await evm.runCall({ data: hexToBytes(contract.evm.bytecode.object), gasLimit: 30_000_000n });
check('deploys', deployed.execResult.exceptionError === undefined && deployed.createdAddress !== undefined,
  deployed.execResult.exceptionError?.error);
const invalidProof = abi.getError('InvalidProof').selector;

const gas = new Map();  // kind -> [{gas, bytes}]
let valid = 0, tampered = 0;
for (const v of vectors) {
  const data = abi.encodeFunctionData('step', [v.pre, v.proof]);
  const result = await evm.runCall({ to: deployed.createdAddress, data: hexToBytes(data), gasLimit: 30_000_000n });
  const err = result.execResult.exceptionError;
  if (v.post === null) {
    tampered++;
    const ret = Buffer.from(result.execResult.returnValue).toString('hex');
    check(`${v.name}: rejected`, err !== undefined && ret.startsWith(invalidProof.slice(2)), err ? ret : 'accepted');
    continue;
  }
  valid++;
  if (err) {
    check(`${v.name}: accepted`, false, `${err.error} ${Buffer.from(result.execResult.returnValue).toString('hex')}`);
    continue;
  }
  const post = abi.decodeFunctionResult('step', result.execResult.returnValue)[0];
  check(`${v.name}: post-state root = C++`, post === v.post, `${post} vs ${v.post}`);
  const kind = v.name.startsWith('fuzz') ? v.name.split(' ')[2] : `program:${v.name.split(' ')[0]}`;
  const proofBytes = (v.proof.length - 2) / 2;
  const calldataBytes = (data.length - 2) / 2;
  if (!gas.has(kind)) gas.set(kind, []);
  gas.get(kind).push({ gas: Number(result.execResult.executionGasUsed), proofBytes, calldataBytes });
}
const percentile = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
for (const [kind, rows] of [...gas.entries()].sort()) {
  const g = rows.map((r) => r.gas), b = rows.map((r) => r.calldataBytes);
  console.log(`gas ${kind}: n=${rows.length} median ${percentile(g, 0.5)} max ${Math.max(...g)}; ` +
    `calldata median ${percentile(b, 0.5)} B max ${Math.max(...b)} B`);
}
console.log(`${valid} valid proofs, ${tampered} tampered proofs`);
console.log(`step-verifier: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
