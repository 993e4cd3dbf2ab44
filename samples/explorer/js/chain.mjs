// The explorer sample's chain segment and its independent reference.
//
//   node chain.mjs chain OUT     writes the chain blob (README: layout): 10 blocks of
//                                legacy, EIP-2930 and EIP-1559 transactions signed with
//                                ethers.js, token-transfer logs, tries by @ethereumjs/mpt
//   node chain.mjs requests BUILD ROOT DIR
//                                the request corpus (calldata encoded by ethers.js from the
//                                build's manifest) and DIR/../requests.json
//   node chain.mjs expect BLOB   prints what the service must answer (JSON), computed
//                                from the blob with ethers.js and @ethereumjs/{rlp,mpt}
//   node chain.mjs check BLOB BUILD REQUESTS.json RESPONSES.json
//                                decodes each response (hex, by request name) with
//                                ethers.js and compares it with `expect`; prints one
//                                JSON line {"compared": N, "differ": [...]}
//
// Deterministic: keys, amounts and shapes come from a seeded PRNG, and
// signatures are RFC 6979, so every run writes the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Interface, Transaction, ZeroHash, getAddress, Wallet, getBytes, hexlify, keccak256, toUtf8Bytes, zeroPadValue, concat, toBeHex } from "ethers";
import { RLP } from "@ethereumjs/rlp";
import { createMPT } from "@ethereumjs/mpt";

const BLOCKS = 10;
const FIRST_NUMBER = 19_000_000n;
const CHAIN_ID = 1n;
const TRANSFER = keccak256(toUtf8Bytes("Transfer(address,address,uint256)"));
const EMPTY_OMMERS = keccak256(RLP.encode([]));

function splitmix(seed) {
  let state = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return z ^ (z >> 31n);
  };
}

function bloomOf(logs) {
  const bloom = new Uint8Array(256);
  for (const log of logs)
    for (const item of [log.address, ...log.topics]) {
      const h = getBytes(keccak256(item));
      for (let i = 0; i < 6; i += 2) {
        const bit = ((h[i] << 8) | h[i + 1]) & 2047;
        bloom[255 - (bit >> 3)] |= 1 << (bit & 7);
      }
    }
  return bloom;
}

async function trieRoot(values) {
  const trie = await createMPT();
  for (let i = 0; i < values.length; ++i) await trie.put(RLP.encode(i), values[i]);
  return hexlify(trie.root());
}

function accounts() {
  const wallets = Array.from({ length: 12 }, (_, i) => new Wallet(keccak256(toUtf8Bytes(`vcc explorer account ${i}`))));
  const tokens = Array.from({ length: 3 }, (_, i) => hexlify(getBytes(keccak256(toUtf8Bytes(`token ${i}`))).slice(12)));
  return { wallets, tokens };
}

function writeRequests(build, root, dir) {
  const manifest = JSON.parse(readFileSync(join(build, "manifest.json"), "utf8"));
  const api = new Interface(manifest.methods.map((m) => `function ${m.signature}`));
  const { wallets, tokens } = accounts();
  const nobody = "0x00000000000000000000000000000000000000aa";
  const requests = {
    "block-0": ["blockInfo", [root, 0]], "block-3": ["blockInfo", [root, 3]], "block-6-empty": ["blockInfo", [root, 6]],
    "block-past-end": ["blockInfo", [root, 99]], "hashes-3": ["transactionHashes", [root, 3]],
    "hashes-5": ["transactionHashes", [root, 5]], "root-3": ["transactionsRoot", [root, 3]],
    "root-6-empty": ["transactionsRoot", [root, 6]], "transactions-token": ["transactionsOf", [root, tokens[0]]],
    "transactions-wallet": ["transactionsOf", [root, wallets[1].address]],
    "transactions-nobody": ["transactionsOf", [root, nobody]], "logs-token": ["logsOf", [root, tokens[1]]],
    "logs-wallet": ["logsOf", [root, wallets[2].address]], "value-wallet": ["valueReceived", [root, wallets[3].address]],
    "value-nobody": ["valueReceived", [root, nobody]], "total": ["totalValue", [root]],
  };
  mkdirSync(dir, { recursive: true });
  for (const [name, [method, args]] of Object.entries(requests))
    writeFileSync(join(dir, `${name}.hex`), api.encodeFunctionData(method, args) + "\n");
  writeFileSync(join(dirname(resolve(dir)), "requests.json"), JSON.stringify({ dataRoot: root, requests }, null, 1) + "\n");
}

const big = (v) => (v === 0n ? new Uint8Array() : getBytes(toBeHex(v)));

async function makeChain() {
  const next = splitmix(20261202);
  const below = (n) => Number(next() % BigInt(n));
  const { wallets, tokens } = accounts();
  const nonces = new Map();
  const parts = [];
  let parent = keccak256(toUtf8Bytes("vcc explorer genesis"));
  for (let b = 0; b < BLOCKS; ++b) {
    // Block 3 holds more than 128 transactions (trie keys of two bytes), block 6 none.
    const count = b === 3 ? 140 : b === 6 ? 0 : 5 + below(30);
    const txs = [], receipts = [], allLogs = [];
    let gas = 0n;
    for (let t = 0; t < count; ++t) {
      const from = wallets[below(wallets.length)];
      const kind = below(3);
      const create = below(25) === 0;
      const toToken = !create && below(4) === 0;
      const to = create ? null : toToken ? tokens[below(3)] : wallets[below(wallets.length)].address;
      const value = below(10) === 0 ? (1n << 90n) + next() : next() * BigInt(1 + below(1000));
      const nonce = nonces.get(from.address) ?? 0;
      nonces.set(from.address, nonce + 1);
      const gasLimit = 21000n + BigInt(below(200000));
      const recipient = wallets[below(wallets.length)].address;
      const amount = next();
      const tx = {
        type: kind === 0 ? 0 : kind === 1 ? 1 : 2, chainId: CHAIN_ID, nonce, to, value: toToken ? 0n : value, gasLimit,
        data: toToken ? concat(["0xa9059cbb", zeroPadValue(recipient, 32), zeroPadValue(toBeHex(amount), 32)]) : create ? "0x6001600055" : "0x",
      };
      if (kind === 2) {
        tx.maxFeePerGas = 30_000_000_000n + BigInt(below(1e9));
        tx.maxPriorityFeePerGas = 1_000_000_000n;
      } else {
        tx.gasPrice = 25_000_000_000n + BigInt(below(1e9));
      }
      if (kind === 1) tx.accessList = [{ address: tokens[0], storageKeys: [zeroPadValue("0x01", 32)] }];
      const signed = await from.signTransaction(tx);
      txs.push(getBytes(signed));
      const used = gasLimit - BigInt(below(1000));
      gas += used;
      const logs = toToken
        ? [{ address: to, topics: [TRANSFER, zeroPadValue(from.address, 32), zeroPadValue(recipient, 32)],
             data: zeroPadValue(toBeHex(amount), 32) }]
        : [];
      allLogs.push(...logs);
      const status = below(20) === 0 ? 0 : 1;
      const body = RLP.encode([big(BigInt(status)), big(gas), bloomOf(logs),
                               logs.map((l) => [getBytes(l.address), l.topics.map((x) => getBytes(x)), getBytes(l.data)])]);
      receipts.push(tx.type === 0 ? body : concat([new Uint8Array([tx.type]), body]));
    }
    const header = [
      getBytes(parent), getBytes(EMPTY_OMMERS), getBytes(wallets[b % wallets.length].address),
      getBytes(keccak256(toUtf8Bytes(`state ${b}`))), getBytes(await trieRoot(txs)),
      getBytes(await trieRoot(receipts.map((r) => getBytes(r)))), bloomOf(allLogs), new Uint8Array(),
      big(FIRST_NUMBER + BigInt(b)), big(30_000_000n), big(gas), big(1_700_000_000n + 12n * BigInt(b)),
      toUtf8Bytes("vcc"), getBytes(keccak256(toUtf8Bytes(`mix ${b}`))), new Uint8Array(8), big(7_000_000_000n),
    ];
    // Typed transactions are byte strings in the block's list, legacy ones lists.
    const txItems = txs.map((t) => (t[0] >= 0xc0 ? RLP.decode(t) : t));
    const block = RLP.encode([header, txItems, []]);
    parent = keccak256(RLP.encode(header));
    parts.push([block, RLP.encode(receipts.map((r) => getBytes(r)))]);
  }
  const table = 16 + 16 * parts.length;
  const head = new DataView(new ArrayBuffer(table));
  head.setUint32(0, 0x31584556, true);  // "VEX1"
  head.setUint32(4, parts.length, true);
  let at = table;
  parts.forEach(([block, receipts], i) => {
    head.setBigUint64(16 + 16 * i, BigInt(at), true);
    head.setUint32(24 + 16 * i, block.length, true);
    head.setUint32(28 + 16 * i, receipts.length, true);
    at += block.length + receipts.length;
  });
  return getBytes(concat([new Uint8Array(head.buffer), ...parts.flat()]));
}

async function expect(blob) {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const count = view.getUint32(4, true);
  const blocks = [], accounts = {};
  const account = (a) => (accounts[a.toLowerCase()] ??= { transactions: [], logs: [], received: 0n, count: 0 });
  let total = 0n;
  for (let b = 0; b < count; ++b) {
    const at = Number(view.getBigUint64(16 + 16 * b, true));
    const blockLength = view.getUint32(24 + 16 * b, true), receiptsLength = view.getUint32(28 + 16 * b, true);
    const [header, txItems] = RLP.decode(blob.slice(at, at + blockLength));
    const receipts = RLP.decode(blob.slice(at + blockLength, at + blockLength + receiptsLength));
    const encoded = txItems.map((t) => (Array.isArray(t) ? RLP.encode(t) : t));
    const parsed = encoded.map((t) => Transaction.from(hexlify(t)));
    const int = (bytes) => (bytes.length === 0 ? 0n : BigInt(hexlify(bytes)));
    blocks.push({
      number: int(header[8]).toString(), hash: keccak256(RLP.encode(header)), parentHash: hexlify(header[0]),
      transactionsRoot: hexlify(header[4]), computedRoot: await trieRoot(encoded),
      transactionCount: encoded.length, gasUsed: int(header[10]).toString(),
      timestamp: int(header[11]).toString(), hashes: parsed.map((t) => t.hash),
    });
    let logIndex = 0;
    parsed.forEach((tx, i) => {
      const r = receipts[i];
      const body = RLP.decode(Array.isArray(r) ? RLP.encode(r) : r[0] < 0x80 ? r.slice(1) : r);
      const logs = body[3];
      const mentioned = new Set();
      if (tx.to) {
        mentioned.add(tx.to.toLowerCase());
        const a = account(tx.to);
        a.received += tx.value;
        a.count += 1;
      }
      total += tx.value;
      for (const [address, topics] of logs) {
        const emitter = hexlify(address).toLowerCase();
        const involved = new Set([emitter]);
        for (const topic of topics) {
          const t = hexlify(topic);
          if (t.startsWith("0x000000000000000000000000")) involved.add("0x" + t.slice(26));
        }
        for (const a of involved) {
          account(a).logs.push([b, i, logIndex, emitter, hexlify(topics[0] ?? new Uint8Array(32))]);
          mentioned.add(a);
        }
        ++logIndex;
      }
      for (const a of mentioned) account(a).transactions.push([b, i, tx.hash]);
    });
  }
  for (const a of Object.values(accounts)) a.received = a.received.toString();
  return { blocks, accounts, total: total.toString() };
}

// The answer `expect` predicts for one request, as ethers decodes results.
function predicted(want, method, args) {
  const account = (a) => want.accounts[a.toLowerCase()] ?? { transactions: [], logs: [], received: "0", count: 0 };
  if (method === "blockInfo") {
    const b = want.blocks[args[1]];
    if (!b) return [[0n, ZeroHash, ZeroHash, ZeroHash, 0n, 0n, 0n, false]];
    return [[BigInt(b.number), b.hash, b.parentHash, b.transactionsRoot, BigInt(b.transactionCount), BigInt(b.gasUsed),
             BigInt(b.timestamp), b.transactionsRoot === b.computedRoot]];
  }
  if (method === "transactionHashes") return [want.blocks[args[1]]?.hashes ?? []];
  if (method === "transactionsRoot") return [want.blocks[args[1]]?.computedRoot ?? ZeroHash];
  if (method === "transactionsOf") return [account(args[1]).transactions.map(([b, i, h]) => [BigInt(b), BigInt(i), h])];
  if (method === "logsOf")
    return [account(args[1]).logs.map(([b, i, l, e, t]) => [BigInt(b), BigInt(i), BigInt(l), getAddress(e), t])];
  if (method === "valueReceived") return [[BigInt(account(args[1]).received), BigInt(account(args[1]).count)]];
  if (method === "totalValue") return [BigInt(want.total)];
  throw new Error(method);
}

const plain = (v) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

async function check(blobPath, build, requestsPath, responsesPath) {
  const want = await expect(new Uint8Array(readFileSync(blobPath)));
  const manifest = JSON.parse(readFileSync(join(build, "manifest.json"), "utf8"));
  // A method returns one value; a std::tuple is one tuple value (docs/abi.md).
  const api = new Interface(manifest.methods.map((m) => `function ${m.signature} returns (${m.returns})`));
  const { requests } = JSON.parse(readFileSync(requestsPath, "utf8"));
  const responses = JSON.parse(readFileSync(responsesPath, "utf8"));
  const differ = [];
  let compared = 0;
  for (const [name, [method, args]] of Object.entries(requests)) {
    const got = plain(api.decodeFunctionResult(method, responses[name]).toArray(true));
    const expected = plain(predicted(want, method, args));
    ++compared;
    if (got !== expected) differ.push({ name, got, expected });
  }
  console.log(JSON.stringify({ compared, differ }));
}

const [command, path] = process.argv.slice(2);
if (command === "chain") {
  writeFileSync(path, await makeChain());
} else if (command === "requests") {
  writeRequests(...process.argv.slice(3));
} else if (command === "check") {
  await check(...process.argv.slice(3));
} else if (command === "expect") {
  console.log(JSON.stringify(await expect(new Uint8Array(readFileSync(path)))));
} else {
  console.error("usage: node chain.mjs chain OUT | requests BUILD ROOT DIR | expect BLOB");
  process.exit(2);
}
