#!/usr/bin/env python3
"""The explorer sample end to end, as a service author runs it
(sample_support): vcc build, the chain segment made by js/chain.mjs
(transactions signed by ethers.js, tries by @ethereumjs/mpt) and bundled by
vcc publish --blob, verify-equiv over the corpus and fuzzed calls, every
answer decoded by ethers.js and compared with what ethers.js and
@ethereumjs compute from the same blob (block hashes, transaction hashes,
transaction roots, an address's transactions and logs, u256 value sums), a
corrupted segment giving empty answers, the --cuda build, vcc hash, and a
store without the segment. Last line: 'sample_explorer: N passed, M failed'."""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_support import Sample, check  # noqa: E402
from check_support import run, summary  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--node", required=True)
    parser.add_argument("--sample", required=True, help="samples/explorer")
    o = parser.parse_args()
    chain_js = os.path.join(o.sample, "js", "chain.mjs")
    corpus_file = os.path.join(o.sample, "requests.json")
    with open(corpus_file) as f:
        corpus = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Sample(o.vcc, o.sample, tmp)
        if not sample.build():
            return summary("sample_explorer")
        blob = sample.publish([o.node, chain_js, "chain"], "chain.bin", corpus["dataRoot"], "chain segment")
        sample.verify(len(corpus["requests"]), fuzz=60, seed=5, methods=7, per_method=5)

        vm = {}
        for name in corpus["requests"]:
            response = sample.answer(name, target="vm")
            vm[name] = "0x" + response.hex() if response is not None else None
        responses = os.path.join(tmp, "responses.json")
        with open(responses, "w") as f:
            json.dump(vm, f)
        r = run(o.node, chain_js, "check", blob, sample.out, corpus_file, responses)
        result = json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else {}
        check(f"every answer (VM) equals what ethers.js and @ethereumjs compute from the blob "
              f"({result.get('compared')} requests: block and transaction hashes, tries, an address's transactions "
              f"and logs, u256 sums)", result.get("compared") == len(corpus["requests"]) and result.get("differ") == [],
              (result.get("differ"), r.stderr[-1500:]))
        expected = json.loads(run(o.node, chain_js, "expect", blob).stdout)
        check("the segment exercises what it should: a block of over 128 transactions, an empty block, every root "
              "recomputed equal, a value sum beyond 64 bits",
              max(b["transactionCount"] for b in expected["blocks"]) > 128 and
              min(b["transactionCount"] for b in expected["blocks"]) == 0 and
              all(b["transactionsRoot"] == b["computedRoot"] for b in expected["blocks"]) and
              int(expected["total"]) >= 2**64, [b["transactionCount"] for b in expected["blocks"]])

        # A corrupted segment (the first block's list header claims more
        # bytes than there are) gives zeros on both targets, never a trap.
        with open(blob, "rb") as f:
            data = bytearray(f.read())
        data[int.from_bytes(data[16:24], "little")] = 0xff
        broken = os.path.join(tmp, "broken.bin")
        with open(broken, "wb") as f:
            f.write(data)
        r = run(o.vcc, "publish", sample.out, "--bundle", os.path.join(tmp, "broken-bundle"), "--blob", broken, "--json")
        broken_root = [b["dataRoot"] for b in json.loads(r.stdout)["blobs"] if b.get("role") == "data"][0]
        request = os.path.join(tmp, "broken.hex")
        with open(sample.request("block-0")) as f:
            text = f.read()
        with open(request, "w") as f:
            f.write(text.replace(corpus["dataRoot"][2:], broken_root[2:]))
        got = {}
        for target in ("vm", "native"):
            r = run(o.vcc, "run", sample.out, "--calldata", "@" + request, "--store",
                    os.path.join(tmp, "broken-bundle", "blobs"), "--target", target, "--json")
            got[target] = json.loads(r.stdout).get("response") if r.returncode == 0 else (r.returncode, r.stderr)
        check("a corrupted block: blockInfo answers zeros on both targets, no trap",
              got["vm"] == got["native"] == "0x" + "00" * 32 * 8, got)

        sample.check_cuda_build(corpus["requests"], kernels=False)
        sample.check_hash_and_missing_data("total")
    return summary("sample_explorer")


if __name__ == "__main__":
    sys.exit(main())
