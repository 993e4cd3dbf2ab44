#!/usr/bin/env python3
"""The explorer sample end to end, as a service author runs it:
vcc build, the chain segment made by js/chain.mjs (transactions signed by
ethers.js, tries by @ethereumjs/mpt) and bundled by vcc publish --blob (the
committed corpus names its data root), verify-equiv over the corpus and
fuzzed calls with the bundle as the data store, every answer decoded by
ethers.js and compared with what ethers.js and @ethereumjs compute from the
same blob (block hashes, transaction hashes, transaction roots, an
address's transactions and logs, u256 value sums), a corrupted segment
giving empty answers, the --cuda build answering as the CPU build, vcc
hash, and a store without the segment.
Last line: 'sample_explorer: N passed, M failed'."""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "driver"))
from check_support import check, run, summary  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--node", required=True)
    parser.add_argument("--sample", required=True, help="samples/explorer")
    o = parser.parse_args()
    chain_js = os.path.join(o.sample, "js", "chain.mjs")
    requests = os.path.join(o.sample, "requests")
    corpus_file = os.path.join(o.sample, "requests.json")
    with open(corpus_file) as f:
        corpus = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        out, blob, bundle = (os.path.join(tmp, n) for n in ("out", "chain.bin", "bundle"))
        r = run(o.vcc, "build", os.path.join(o.sample, "explorer.cpp"), "-o", out)
        if not check("vcc build samples/explorer/explorer.cpp", r.returncode == 0, r.stdout + r.stderr):
            return summary("sample_explorer")
        r = run(o.node, chain_js, "chain", blob)
        check("js/chain.mjs writes the chain segment", r.returncode == 0 and os.path.getsize(blob) > 100_000, r.stderr)
        r = run(o.vcc, "publish", out, "--bundle", bundle, "--blob", blob, "--json")
        published = json.loads(r.stdout) if r.returncode == 0 else {}
        roots = [b["dataRoot"] for b in published.get("blobs", []) if b.get("role") == "data"]
        check("vcc publish --blob bundles the segment; the committed corpus names its data root (chain.mjs is "
              "deterministic)", roots == [corpus["dataRoot"]], (roots, corpus["dataRoot"], r.stderr))
        store = os.path.join(bundle, "blobs")

        r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--store", store, "--fuzz", "60", "--seed", "5",
                "--json", timeout=1800)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv: the corpus and 60 fuzzed calls byte-identical, every one compared",
              r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0 and
              report.get("requests") == 60 + len(corpus["requests"]), r.stdout[-1500:] + r.stderr)
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("verify-equiv: every method got requests", len(counts) == 7 and min(counts.values()) >= 5, counts)

        def answers(build, target="native", store_dir=store):
            got = {}
            for name in corpus["requests"]:
                r = run(o.vcc, "run", build, "--calldata", "@" + os.path.join(requests, f"{name}.hex"), "--store",
                        store_dir, "--target", target, "--json")
                got[name] = json.loads(r.stdout).get("response") if r.returncode == 0 else None
            return got

        vm = answers(out, "vm")
        responses = os.path.join(tmp, "responses.json")
        with open(responses, "w") as f:
            json.dump(vm, f)
        r = run(o.node, chain_js, "check", blob, out, corpus_file, responses)
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

        # A corrupted segment (a block's RLP cut short) gives empty answers on both targets, never a trap.
        with open(blob, "rb") as f:
            data = bytearray(f.read())
        first = int.from_bytes(data[16:24], "little")
        data[first] = 0xff  # the first block's list header now claims more bytes than there are
        broken = os.path.join(tmp, "broken.bin")
        with open(broken, "wb") as f:
            f.write(data)
        r = run(o.vcc, "publish", out, "--bundle", os.path.join(tmp, "broken-bundle"), "--blob", broken, "--json")
        broken_root = [b["dataRoot"] for b in json.loads(r.stdout)["blobs"] if b.get("role") == "data"][0]
        request = os.path.join(tmp, "broken.hex")
        with open(os.path.join(requests, "block-0.hex")) as f:
            text = f.read()
        with open(request, "w") as f:
            f.write(text.replace(corpus["dataRoot"][2:], broken_root[2:]))
        got = {}
        for target in ("vm", "native"):
            r = run(o.vcc, "run", out, "--calldata", "@" + request, "--store", os.path.join(tmp, "broken-bundle", "blobs"),
                    "--target", target, "--json")
            got[target] = json.loads(r.stdout).get("response") if r.returncode == 0 else (r.returncode, r.stderr)
        check("a corrupted block: blockInfo answers zeros on both targets, no trap",
              got["vm"] == got["native"] == "0x" + "00" * 32 * 8, got)

        cuda_out = os.path.join(tmp, "out-cuda")
        r = run(o.vcc, "build", os.path.join(o.sample, "explorer.cpp"), "-o", cuda_out, "--cuda")
        check("vcc build --cuda builds", r.returncode == 0, r.stdout[-800:] + r.stderr)
        check("the --cuda build answers every corpus request as the VM does", answers(cuda_out) == vm, "")

        r = run(o.vcc, "hash", out)
        check("vcc hash prints the program hashes", r.returncode == 0 and "0x" in r.stdout, r.stdout + r.stderr)
        empty = os.path.join(tmp, "empty-store")
        os.makedirs(empty)
        for target in ("vm", "native"):
            r = run(o.vcc, "run", out, "--calldata", "@" + os.path.join(requests, "total.hex"), "--store", empty,
                    "--target", target, "--json")
            check(f"a store without the segment: {target} stops with missing data (exit 104)", r.returncode == 104,
                  (r.returncode, r.stdout, r.stderr))
    return summary("sample_explorer")


if __name__ == "__main__":
    sys.exit(main())
