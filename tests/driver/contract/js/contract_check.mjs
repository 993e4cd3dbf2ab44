// Compiles vcc's generated service contract with solc (solc-js) and checks:
// it compiles without errors; every service method's selector in solc's
// output equals vcc's and ethers.js' id(signature); the contract has the
// protocol's interface (register, setProgramHash, programHashes, Request);
// the constructor stores each method's programHash (read from the source).
// Usage: node contract_check.mjs CONTRACT.sol EXPECTED.json
// Last line: 'contract: N passed, M failed'.
import { readFileSync } from 'node:fs';
import solc from 'solc';
import { id } from 'ethers';

const [solPath, jsonPath] = process.argv.slice(2);
const source = readFileSync(solPath, 'utf8');
const expected = JSON.parse(readFileSync(jsonPath, 'utf8'));
let passed = 0, failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
};

const input = {
  language: 'Solidity',
  sources: { 'Service.sol': { content: source } },
  settings: { outputSelection: { '*': { '*': ['abi', 'evm.methodIdentifiers'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
const warnings = (output.errors ?? []).filter((e) => e.severity === 'warning');
check(`compiles with solc ${solc.version()}`, errors.length === 0, errors.map((e) => e.formattedMessage).join('\n'));
check('no compiler warnings', warnings.length === 0, warnings.map((e) => e.formattedMessage).join('\n'));
const compiled = output.contracts?.['Service.sol']?.[expected.contract];
check(`contract ${expected.contract} present`, compiled !== undefined);
const ids = compiled?.evm?.methodIdentifiers ?? {};
for (const method of expected.methods) {
  const fromSolc = ids[method.signature];
  const fromEthers = id(method.signature).slice(0, 10);
  check(`${method.signature}: solc selector ${fromSolc} = vcc ${method.selector}`, fromSolc !== undefined && `0x${fromSolc}` === method.selector);
  check(`${method.signature}: ethers selector = vcc`, fromEthers === method.selector, fromEthers);
  check(`${method.signature}: constructor stores its programHash`,
    source.includes(`programHashes[${method.selector}] = ${method.programHash};`));
}
for (const signature of ['register(string)', 'setProgramHash(bytes4,bytes32)', 'programHashes(bytes4)', 'leave()', 'owner()']) {
  check(`protocol function ${signature}`, signature in ids);
}
const requestEvent = (compiled?.abi ?? []).find((e) => e.type === 'event' && e.name === 'Request');
check('event Request(address,bytes4,bytes32,bytes)',
  requestEvent !== undefined && requestEvent.inputs.map((i) => i.type).join(',') === 'address,bytes4,bytes32,bytes');
console.log(`contract: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
