// Differential test of vcc's Solidity ABI codec (stdlib/include/vcc/abi.hpp)
// against ethers.js v6, through the C++ tool tests/stdlib/abi/abi_tool.cpp.
//
//   node abi_differential.mjs --tool PATH [--check encode|decode|selectors|mutations|all]
//                             [--n N] [--seed S]
//
// encode     C++ draws random values of its random argument lists and encodes
//            them: ethers must produce the same bytes from the same values,
//            and decode the C++ bytes back to those values.
// decode     this script draws its own random values for the same type lists:
//            ethers encodes them; C++ must decode ethers' bytes to the same
//            values (and re-encode them to the same bytes), and C++'s encoder
//            must produce ethers' bytes from the values.
// selectors  every list's canonical signature and selector against ethers'
//            Fragment formatting and id(sig).slice(0, 10); plus random
//            signatures over all Solidity types (selector() only hashes).
// mutations  ethers' encodings, mutated: whatever C++ accepts must be exactly
//            the canonical encoding of its values and ethers (which is more
//            lenient) must decode it to the same values; appended bytes are
//            TrailingBytes at the original end, truncations are errors.
//
// Prints one line per failure (the first 20) and "abi.js.CHECK: N passed,
// M failed"; exits 1 on any failure, 2 on bad usage.
import { spawnSync } from 'node:child_process';
import { AbiCoder, FunctionFragment, ParamType, id } from 'ethers';

const coder = AbiCoder.defaultAbiCoder();

function parseArgs(argv) {
  const options = { check: 'all', n: 2000, seed: 1, tool: null };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options) || i + 1 >= argv.length) usage();
    options[key] = key === 'n' || key === 'seed' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!options.tool) usage();
  return options;
}

function usage() {
  console.error('usage: node abi_differential.mjs --tool PATH [--check encode|decode|selectors|mutations|all] [--n N] [--seed S]');
  process.exit(2);
}

// ------------------------------------------------------------ tool and randomness

function runTool(tool, args, inputLines = []) {
  const result = spawnSync(tool, args, {
    input: inputLines.length ? inputLines.join('\n') + '\n' : '',
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) {
    console.error(`abi_tool ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    process.exit(1);
  }
  return result.stdout.split('\n').filter((line) => line.length > 0);
}

// mulberry32: small, seeded, reproducible.
function makeRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n) => Math.floor(next() * n),
    chance: (percent) => next() * 100 < percent,
    bytesHex: (count) => {
      let text = '0x';
      for (let i = 0; i < count; ++i) text += Math.floor(next() * 256).toString(16).padStart(2, '0');
      return text;
    },
  };
}

function randomBits(rng, bits) {
  let value = 0n;
  for (let i = 0; i < bits; i += 32) value = (value << 32n) | BigInt(rng.below(2 ** 32));
  return value & ((1n << BigInt(bits)) - 1n);
}

function randomLength(rng) {
  const edges = [0, 1, 31, 32, 33, 63, 64, 65];
  return rng.chance(50) ? edges[rng.below(edges.length)] : rng.below(100);
}

function randomString(rng) {
  const target = randomLength(rng);
  let text = '';
  while (Buffer.byteLength(text, 'utf8') < target) {
    const pick = rng.below(8);
    let codePoint;
    if (pick === 0) codePoint = 0x80 + rng.below(0x800 - 0x80);
    else if (pick === 1) codePoint = 0xe000 + rng.below(0x2000);
    else if (pick === 2) codePoint = 0x10000 + rng.below(0x100000);
    else if (pick === 3) codePoint = rng.below(0x20);
    else codePoint = 0x20 + rng.below(0x5f);
    text += String.fromCodePoint(codePoint);
  }
  return text;
}

// A random value of a ParamType, in ethers' input form (bigint for integers).
function randomValue(rng, type) {
  if (type.isArray()) {
    const count = type.arrayLength >= 0 ? type.arrayLength : rng.chance(20) ? 0 : rng.below(5);
    return Array.from({ length: count }, () => randomValue(rng, type.arrayChildren));
  }
  if (type.isTuple()) return type.components.map((component) => randomValue(rng, component));
  const name = type.type;
  if (name === 'bool') return rng.chance(50);
  if (name === 'address') return rng.chance(25) ? '0x' + '00'.repeat(20) : rng.bytesHex(20);
  if (name === 'bytes32') return rng.chance(25) ? '0x' + 'ff'.repeat(32) : rng.bytesHex(32);
  if (name === 'bytes') return rng.bytesHex(randomLength(rng));
  if (name === 'string') return randomString(rng);
  const match = /^(u?)int(\d+)$/.exec(name);
  if (!match) throw new Error(`no generator for ${name}`);
  const bits = Number(match[2]);
  const signed = match[1] === '';
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  switch (rng.below(6)) {
    case 0: return 0n;
    case 1: return max;
    case 2: return min;
    case 3: return signed ? -1n : 1n;
    default: {
      const raw = randomBits(rng, bits);
      return signed && raw > max ? raw - (1n << BigInt(bits)) : raw;
    }
  }
}

// ------------------------------------------------------------ value forms

// The comparable form of a value of `type`: ethers' decoded values, ethers
// inputs and abi_tool's JSON all normalize to the same thing.
function normalize(type, value) {
  if (type.isArray() || type.isTuple()) {
    const items = Array.from(value);
    const childTypes = type.isArray() ? items.map(() => type.arrayChildren) : type.components;
    return items.map((item, i) => normalize(childTypes[i], item));
  }
  const name = type.type;
  if (name === 'bool') return value === true;
  if (name === 'address' || name === 'bytes32' || name === 'bytes') return String(value).toLowerCase();
  if (name === 'string') return value;
  return BigInt(value).toString();
}

// ethers' input form of abi_tool's JSON values.
function toEthers(type, value) {
  if (type.isArray()) return value.map((item) => toEthers(type.arrayChildren, item));
  if (type.isTuple()) return value.map((item, i) => toEthers(type.components[i], item));
  if (/^u?int\d+$/.test(type.type)) return BigInt(value);
  return value;
}

const toToolJson = (value) => JSON.stringify(value, (key, item) => (typeof item === 'bigint' ? item.toString() : item));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// ------------------------------------------------------------ reporting

class Report {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
  }
  check(ok, describe) {
    if (ok) {
      ++this.passed;
      return;
    }
    ++this.failed;
    if (this.failed <= 20) console.log(`FAIL ${this.name}: ${describe()}`);
  }
  finish() {
    console.log(`abi.js.${this.name}: ${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0;
  }
}

// ------------------------------------------------------------ checks

function loadLists(tool) {
  return runTool(tool, ['types']).map((line) => {
    const list = JSON.parse(line);
    list.paramTypes = list.types.map((text) => ParamType.from(text));
    return list;
  });
}

function checkEncode(tool, lists, options) {
  const report = new Report('encode');
  for (const line of runTool(tool, ['random', String(options.n), String(options.seed)])) {
    const testCase = JSON.parse(line);
    const list = lists[testCase.index];
    const values = testCase.values.map((value, i) => toEthers(list.paramTypes[i], value));
    let ethersHex;
    try {
      ethersHex = coder.encode(list.paramTypes, values);
    } catch (error) {
      report.check(false, () => `${list.signature}: ethers cannot encode ${line}: ${error.message}`);
      continue;
    }
    report.check(ethersHex === testCase.hex, () => `${list.signature} ${toToolJson(testCase.values)}\n  c++    ${testCase.hex}\n  ethers ${ethersHex}`);
    let actual;
    try {
      const decoded = coder.decode(list.paramTypes, testCase.hex);
      actual = list.paramTypes.map((type, i) => normalize(type, decoded[i]));
    } catch (error) {
      report.check(false, () => `${list.signature}: ethers cannot decode the C++ encoding ${testCase.hex}: ${error.message}`);
      continue;
    }
    const expected = list.paramTypes.map((type, i) => normalize(type, values[i]));
    report.check(same(actual, expected), () => `${list.signature}: ethers decodes the C++ bytes to ${toToolJson(actual)}, expected ${toToolJson(expected)}`);
  }
  return report.finish();
}

function checkDecode(tool, lists, options) {
  const report = new Report('decode');
  const rng = makeRng(options.seed);
  const cases = [];
  for (let k = 0; k < options.n; ++k) {
    const index = k % lists.length;
    const list = lists[index];
    const values = list.paramTypes.map((type) => randomValue(rng, type));
    cases.push({ index, values, hex: coder.encode(list.paramTypes, values) });
  }
  const decoded = runTool(tool, ['decode'], cases.map((c) => JSON.stringify({ index: c.index, hex: c.hex })));
  const encoded = runTool(tool, ['encode'], cases.map((c) => toToolJson({ index: c.index, values: c.values })));
  cases.forEach((c, k) => {
    const list = lists[c.index];
    const result = JSON.parse(decoded[k]);
    const expected = list.paramTypes.map((type, i) => normalize(type, c.values[i]));
    if (!result.ok) {
      report.check(false, () => `${list.signature}: C++ rejects ethers' encoding (${result.error} at ${result.position}) of ${toToolJson(c.values)}\n  ${c.hex}`);
    } else {
      const actual = list.paramTypes.map((type, i) => normalize(type, result.values[i]));
      report.check(same(actual, expected), () => `${list.signature}: C++ decodes ${c.hex} to ${toToolJson(actual)}, expected ${toToolJson(expected)}`);
      report.check(result.hex === c.hex, () => `${list.signature}: C++ re-encodes to ${result.hex}, ethers ${c.hex}`);
    }
    const fromValues = JSON.parse(encoded[k]);
    report.check(fromValues.hex === c.hex, () => `${list.signature} ${toToolJson(c.values)}: C++ encodes ${fromValues.hex ?? fromValues.error}, ethers ${c.hex}`);
  });
  return report.finish();
}

// Any Solidity type, for signatures only.
function randomTypeString(rng, depth) {
  const kind = depth > 0 ? rng.below(10) : 0;
  if (kind <= 5) {
    const pick = rng.below(7);
    if (pick === 0) return `uint${8 * (1 + rng.below(32))}`;
    if (pick === 1) return `int${8 * (1 + rng.below(32))}`;
    if (pick === 2) return `bytes${1 + rng.below(32)}`;
    return ['bool', 'address', 'bytes', 'string'][pick - 3];
  }
  if (kind <= 7) return `${randomTypeString(rng, depth - 1)}[${kind === 6 ? '' : 1 + rng.below(5)}]`;
  const count = 1 + rng.below(3);
  return `(${Array.from({ length: count }, () => randomTypeString(rng, depth - 1)).join(',')})`;
}

function checkSelectors(tool, lists, options) {
  const report = new Report('selectors');
  for (const list of lists) {
    const name = list.signature.slice(0, list.signature.indexOf('('));
    const canonical = FunctionFragment.from(`function ${name}(${list.types.join(',')})`).format('sighash');
    report.check(canonical === list.signature, () => `C++ signature ${list.signature}, ethers ${canonical}`);
    report.check(id(list.signature).slice(0, 10) === list.selector, () => `${list.signature}: C++ ${list.selector}, ethers ${id(list.signature).slice(0, 10)}`);
  }
  const rng = makeRng(options.seed + 1000);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$0123456789';
  const signatures = [];
  for (let k = 0; k < options.n; ++k) {
    let name = letters[rng.below(54)];
    for (let length = rng.below(20); length > 0; --length) name += letters[rng.below(letters.length)];
    const types = Array.from({ length: rng.below(5) }, () => randomTypeString(rng, 3));
    signatures.push(FunctionFragment.from(`function ${name}(${types.join(',')})`).format('sighash'));
  }
  const selectors = runTool(tool, ['selector'], signatures);
  signatures.forEach((signature, k) => {
    report.check(selectors[k] === id(signature).slice(0, 10), () => `${signature}: C++ ${selectors[k]}, ethers ${id(signature).slice(0, 10)}`);
  });
  return report.finish();
}

// The messages of an error and of the errors it wraps (ethers' deferred errors).
function errorChain(error) {
  let text = '';
  for (let e = error; e; e = e.error) text += `${e.message}; `;
  return text;
}

function mutate(rng, hex) {
  const data = Buffer.from(hex.slice(2), 'hex');
  const words = Math.floor(data.length / 32);
  const kind = rng.below(6);
  let out = Buffer.from(data);
  if (kind === 0 && data.length > 0) {
    out[rng.below(data.length)] ^= 1 << rng.below(8);
  } else if (kind === 1 && data.length > 0) {
    out[rng.below(data.length)] = rng.below(256);
  } else if (kind === 2 && words > 0) {
    const at = rng.below(words) * 32;
    const value = rng.chance(30) ? BigInt(rng.bytesHex(8)) : BigInt(rng.below(data.length + 64));
    out.fill(0, at, at + 24);
    out.writeBigUInt64BE(value, at + 24);
  } else if (kind === 3) {
    out = out.subarray(0, rng.below(data.length + 1));
  } else if (kind === 4) {
    out = Buffer.concat([out, Buffer.alloc(1 + rng.below(64), rng.chance(50) ? 0 : rng.below(256))]);
  } else if (words > 1) {
    const a = rng.below(words) * 32;
    const b = rng.below(words) * 32;
    const wordA = Buffer.from(out.subarray(a, a + 32));
    out.copy(out, a, b, b + 32);
    wordA.copy(out, b);
  }
  return { kind, hex: '0x' + out.toString('hex') };
}

function checkMutations(tool, lists, options) {
  const report = new Report('mutations');
  const rng = makeRng(options.seed + 2000);
  const cases = [];
  for (let k = 0; k < options.n; ++k) {
    const index = k % lists.length;
    const list = lists[index];
    const original = coder.encode(list.paramTypes, list.paramTypes.map((type) => randomValue(rng, type)));
    for (let m = 0; m < 5; ++m) cases.push({ index, original, ...mutate(rng, original) });
  }
  const results = runTool(tool, ['decode'], cases.map((c) => JSON.stringify({ index: c.index, hex: c.hex })));
  let accepted = 0;
  let rejected = 0;
  let utf8Skipped = 0;
  cases.forEach((c, k) => {
    const list = lists[c.index];
    const result = JSON.parse(results[k]);
    if (!result.ok) {
      ++rejected;
      if (c.kind === 4) {
        const end = (c.original.length - 2) / 2;
        report.check(result.error === 'TrailingBytes' && result.position === end, () => `${list.signature}: appended bytes give ${result.error} at ${result.position}, expected TrailingBytes at ${end}`);
      }
      return;
    }
    ++accepted;
    report.check(c.kind !== 3 || c.hex === c.original, () => `${list.signature}: C++ accepts a truncated encoding ${c.hex}`);
    report.check(result.hex === c.hex, () => `${list.signature}: C++ accepts ${c.hex}, canonical is ${result.hex}`);
    let actual;
    try {
      // ethers' Result defers element errors until they are read.
      const decoded = coder.decode(list.paramTypes, c.hex);
      actual = list.paramTypes.map((type, i) => normalize(type, decoded[i]));
    } catch (error) {
      // Mutated string bytes may not be UTF-8: ethers refuses them, the ABI
      // (and C++, like Solidity) does not check.
      if (/invalid codepoint/.test(errorChain(error))) {
        ++utf8Skipped;
        return;
      }
      report.check(false, () => `${list.signature}: C++ accepts ${c.hex}, ethers cannot decode it: ${errorChain(error)}`);
      return;
    }
    const expected = list.paramTypes.map((type, i) => normalize(type, result.values[i]));
    report.check(same(actual, expected), () => `${list.signature}: on ${c.hex} ethers decodes ${toToolJson(actual)}, C++ ${toToolJson(expected)}`);
  });
  console.log(`abi.js.mutations: ${accepted} mutated inputs accepted, ${rejected} rejected, ${utf8Skipped} accepted ones not UTF-8 for ethers`);
  report.check(rejected > 0 && accepted > 0, () => 'mutations should be both accepted and rejected');
  return report.finish();
}

const options = parseArgs(process.argv);
const lists = loadLists(options.tool);
const checks = { encode: checkEncode, decode: checkDecode, selectors: checkSelectors, mutations: checkMutations };
const selected = options.check === 'all' ? Object.keys(checks) : [options.check];
let ok = true;
for (const name of selected) {
  if (!(name in checks)) usage();
  ok = checks[name](options.tool, lists, options) && ok;
}
process.exit(ok ? 0 : 1);
