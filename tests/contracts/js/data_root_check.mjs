// The Solidity DataRoot library (contracts/DataRoot.sol) against the C++
// implementation (vectors from tests/contracts/data_root_tool): compiled
// with solc, deployed in an in-process EVM (@ethereumjs/evm), called on
// every vector. Checks: equal data roots; every C++ chunk proof verifies
// on chain; a flipped chunk, a flipped sibling, a wrong length and a
// missing sibling are rejected. Prints the gas of a few calls.
// Usage: node data_root_check.mjs CONTRACTS_DIR VECTORS.json
// Last line: 'data-root: N passed, M failed'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import solc from 'solc';
import { Interface } from 'ethers';
import { createEVM } from '@ethereumjs/evm';

const [contractsDir, vectorsPath] = process.argv.slice(2);
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8'));
let passed = 0, failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
};

const input = {
  language: 'Solidity',
  sources: { 'test/DataRootHarness.sol': { content: readFileSync(join(contractsDir, 'test/DataRootHarness.sol'), 'utf8') } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
};
const findImports = (path) => ({ contents: readFileSync(join(contractsDir, path), 'utf8') });
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
check(`compiles with solc ${solc.version()}`, errors.length === 0, errors.map((e) => e.formattedMessage).join('\n'));
const harness = output.contracts?.['test/DataRootHarness.sol']?.DataRootHarness;
if (!harness) {
  console.log(`data-root: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}
const abi = new Interface(harness.abi);
const hexToBytes = (hex) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));
const evm = await createEVM();
const deployed = await evm.runCall({ data: hexToBytes(harness.evm.bytecode.object), gasLimit: 30_000_000n });
check('deploys', deployed.execResult.exceptionError === undefined && deployed.createdAddress !== undefined,
  deployed.execResult.exceptionError?.error);
const call = async (name, args) => {
  const result = await evm.runCall({ to: deployed.createdAddress, data: hexToBytes(abi.encodeFunctionData(name, args)), gasLimit: 30_000_000n });
  if (result.execResult.exceptionError) return { error: result.execResult.exceptionError.error };
  return { value: abi.decodeFunctionResult(name, result.execResult.returnValue)[0], gas: result.execResult.executionGasUsed };
};

const flip = (hex) => '0x' + (parseInt(hex.slice(2, 4), 16) ^ 1).toString(16).padStart(2, '0') + hex.slice(4);
const gas = [];
for (const vector of vectors) {
  const length = (vector.data.length - 2) / 2;
  const root = await call('root', [vector.data]);
  check(`root of ${length} bytes equals C++`, root.value === vector.root, `${root.value ?? root.error} vs ${vector.root}`);
  if (length === 10000) gas.push(`root(10000 bytes) ${root.gas} gas`);
  for (const chunk of vector.chunks) {
    const args = [vector.root, length, chunk.index, chunk.chunk, chunk.siblings];
    const ok = await call('verifyChunk', args);
    check(`${length} bytes, chunk ${chunk.index}: the C++ proof verifies`, ok.value === true, ok.error);
    if (length === 10000 && chunk.index === 0) gas.push(`verifyChunk(depth ${chunk.siblings.length}) ${ok.gas} gas`);
    const tampered = [
      ['a flipped chunk', [vector.root, length, chunk.index, flip(chunk.chunk), chunk.siblings]],
      ['a wrong length', [vector.root, length + 1, chunk.index, chunk.chunk, chunk.siblings]],
    ];
    if (chunk.siblings.length > 0) {
      tampered.push(['a flipped sibling', [vector.root, length, chunk.index, chunk.chunk, [flip(chunk.siblings[0]), ...chunk.siblings.slice(1)]]]);
      tampered.push(['a missing sibling', [vector.root, length, chunk.index, chunk.chunk, chunk.siblings.slice(1)]]);
    }
    for (const [what, bad] of tampered) {
      const result = await call('verifyChunk', bad);
      check(`${length} bytes, chunk ${chunk.index}: ${what} is rejected`, result.value === false, result.value ?? result.error);
    }
  }
}
for (const line of gas) console.log(`gas: ${line}`);
console.log(`data-root: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
