// Checks a `vcc publish` bundle independently with ethers.js: every blob's
// file name is the keccak256 of its bytes and matches index.json, and each
// transaction's calldata is setProgramHash(selector, programHash) as ethers
// encodes it. Usage: node publish_check.mjs BUNDLE_DIR
// Last line: 'publish: N passed, M failed'.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, keccak256, hexlify } from 'ethers';

const bundle = process.argv[2];
const index = JSON.parse(readFileSync(join(bundle, 'index.json'), 'utf8'));
let passed = 0, failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
};
check('bundleVersion 1', index.bundleVersion === 1);
const files = readdirSync(join(bundle, 'blobs'));
check('three blobs', index.blobs.length === 3 && files.length === 3, JSON.stringify(files));
for (const blob of index.blobs) {
  const bytes = readFileSync(join(bundle, blob.path));
  const hash = keccak256(bytes);
  check(`${blob.role}: file name is keccak256 of contents`, `0x${blob.path.split('/').pop()}` === hash, hash);
  check(`${blob.role}: index keccak256 and size`, blob.keccak256 === hash && blob.size === bytes.length);
}
const iface = new Interface(['function setProgramHash(bytes4 selector, bytes32 programHash)']);
check('one transaction per method', index.transactions.length >= 1);
for (const tx of index.transactions) {
  const expected = iface.encodeFunctionData('setProgramHash', [tx.selector, tx.programHash]);
  check(`${tx.method}: calldata = ethers encodeFunctionData`, hexlify(tx.calldata) === expected, expected);
  check(`${tx.method}: programHash = bundle programHash`, tx.programHash === index.programHash);
}
console.log(`publish: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
