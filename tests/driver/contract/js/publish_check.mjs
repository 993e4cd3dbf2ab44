// Checks a `vcc publish` bundle independently with ethers.js: every blob's
// file name is the data root of its bytes (docs/data-roots.md, computed here
// from the definition) and matches index.json, and each
// transaction's calldata is setProgramHash(selector, programHash) as ethers
// encodes it. Usage: node publish_check.mjs BUNDLE_DIR [DATA_BLOBS]
// Last line: 'publish: N passed, M failed'.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, keccak256, hexlify, concat, zeroPadValue, toBeHex } from 'ethers';

// docs/data-roots.md: 32-byte chunks (last one zero-padded) as unhashed
// leaves, zero leaves to a power of two, keccak256(treeRoot || uint256 length).
function dataRoot(bytes) {
  let level = [];
  for (let at = 0; at < bytes.length; at += 32) {
    const chunk = new Uint8Array(32);
    chunk.set(bytes.subarray(at, Math.min(at + 32, bytes.length)));
    level.push(hexlify(chunk));
  }
  if (level.length === 0) level.push(zeroPadValue('0x', 32));
  while ((level.length & (level.length - 1)) !== 0) level.push(zeroPadValue('0x', 32));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(keccak256(concat([level[i], level[i + 1]])));
    level = next;
  }
  return keccak256(concat([level[0], zeroPadValue(toBeHex(bytes.length), 32)]));
}

const bundle = process.argv[2];
const index = JSON.parse(readFileSync(join(bundle, 'index.json'), 'utf8'));
let passed = 0, failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
};
check('bundleVersion 2', index.bundleVersion === 2);
const files = readdirSync(join(bundle, 'blobs'));
const dataBlobs = Number(process.argv[3] ?? 0);
check(`${3 + dataBlobs} blobs`, index.blobs.length === 3 + dataBlobs && files.length === 3 + dataBlobs,
  JSON.stringify(files));
for (const blob of index.blobs) {
  const bytes = readFileSync(join(bundle, blob.path));
  const root = dataRoot(bytes);
  check(`${blob.role} ${blob.file}: file name is the data root of its contents`,
    `0x${blob.path.split('/').pop()}` === root, root);
  check(`${blob.role} ${blob.file}: index dataRoot, keccak256 and size`,
    blob.dataRoot === root && blob.keccak256 === keccak256(bytes) && blob.size === bytes.length);
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
