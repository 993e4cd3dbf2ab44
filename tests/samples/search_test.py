#!/usr/bin/env python3
"""The search sample end to end, as a service author runs it:
vcc build, the index made by make_index.py and bundled by vcc publish
--blob (its data root names it; the committed request corpus names the
same root), verify-equiv over the corpus and fuzzed calls with the bundle
as the data store (native serial, threads and the VM; the --cuda build
too, on the CPU backends without a device), every search of the
corpus against an independent BM25 in Python (make_index.py expect), the
document frequencies, vcc hash, and a store without the index (missing
data, exit 104, no response).
Last line: 'sample_search: N passed, M failed'."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_support import Sample  # noqa: E402
from check_support import check, run, summary  # noqa: E402


def words(data):
    return [int.from_bytes(data[i:i + 32], "big") for i in range(0, len(data), 32)]


def decode_hits(response):
    """(uint32,uint64)[] as the response encodes it: a tuple of one dynamic array."""
    w = words(response)
    start = w[0] // 32
    count = w[start]
    return [[w[start + 1 + 2 * i], w[start + 2 + 2 * i]] for i in range(count)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/search")
    o = parser.parse_args()
    make = os.path.join(o.sample, "make_index.py")
    requests = os.path.join(o.sample, "requests")
    with open(os.path.join(o.sample, "queries.json")) as f:
        corpus = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        out, index, bundle = (os.path.join(tmp, n) for n in ("out", "index.bin", "bundle"))
        r = run(o.vcc, "build", os.path.join(o.sample, "search.cpp"), "-o", out)
        if not check("vcc build samples/search/search.cpp", r.returncode == 0, r.stdout + r.stderr):
            return summary("sample_search")
        r = run(sys.executable, make, "index", index, "--documents", str(corpus["documents"]),
                "--seed", str(corpus["seed"]))
        check("make_index.py writes the index", r.returncode == 0 and os.path.getsize(index) > 1_000_000, r.stderr)
        r = run(o.vcc, "publish", out, "--bundle", bundle, "--blob", index, "--json")
        published = json.loads(r.stdout) if r.returncode == 0 else {}
        roots = [b["dataRoot"] for b in published.get("blobs", []) if b.get("role") == "data"]
        check("vcc publish --blob bundles the index by its data root", len(roots) == 1, r.stdout + r.stderr)
        check("the committed corpus names the index's data root (make_index.py is deterministic)",
              roots == [corpus["dataRoot"]], (roots, corpus["dataRoot"]))
        store = os.path.join(bundle, "blobs")
        r = run(o.vcc, "publish", out, "--bundle", os.path.join(tmp, "bundle2"), "--blob", index)
        check("vcc publish without --json names each data blob's root", r.returncode == 0 and
              f"  data index.bin: {corpus['dataRoot']} (" in r.stdout, r.stdout + r.stderr)

        r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--store", store, "--fuzz", "40", "--seed", "3",
                "--json", timeout=1800)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv: no mismatch over the corpus and 40 fuzzed calls",
              report.get("mismatchCount") == 0 and report.get("requests", 0) >= 54, r.stdout[-1500:] + r.stderr)
        check("verify-equiv: every request compared (fuzzed roots the store lacks: missing data on every target)",
              r.returncode == 0 and report.get("inconclusiveCount") == 0 and 0 < report.get("missingData", 0) < 40,
              (r.returncode, report.get("missingData"), report.get("inconclusive")))
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("verify-equiv: every method got requests", len(counts) == 3 and min(counts.values()) >= 10, counts)
        r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--json", timeout=900)
        bare = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv without --store: the 13 corpus requests that read the index stop with missing data on "
              "every target (k = 0 reads nothing), equal", r.returncode == 0 and bare.get("requests") == 14 and
              bare.get("missingData") == 13, r.stdout[-800:])

        for name, (query, k) in corpus["queries"].items():
            file = os.path.join(requests, f"search-{name}.hex")
            got = {}
            for target in ("vm", "native"):
                r = run(o.vcc, "run", out, "--calldata", "@" + file, "--store", store, "--target", target, "--json")
                got[target] = json.loads(r.stdout) if r.returncode == 0 else {"error": r.stderr}
            vm_hits = decode_hits(bytes.fromhex(got["vm"]["response"][2:])) if "response" in got["vm"] else None
            expected = json.loads(run(sys.executable, make, "expect", corpus["dataRoot"], query, str(k), "--documents",
                                      str(corpus["documents"]), "--seed", str(corpus["seed"])).stdout)
            same_ids = vm_hits is not None and [h[0] for h in vm_hits] == [e[0] for e in expected]
            close = same_ids and all(abs(h[1] - e[1]) <= 1 for h, e in zip(vm_hits, expected))
            check(f"search {name!r} (k={k}): the VM's hits are the Python BM25's ({len(expected)} hits)", close,
                  (vm_hits, expected))
            check(f"search {name!r}: native response = VM response",
                  got["native"].get("response") == got["vm"].get("response"), got)
        def answer(file, target="native"):
            r = run(o.vcc, "run", out, "--calldata", "@" + os.path.join(requests, file), "--store", store,
                    "--target", target, "--json")
            return bytes.fromhex(json.loads(r.stdout)["response"][2:]) if r.returncode == 0 else None

        check("search 'many' fills k = 50; 'empty' and 'absent' have no hits, 'k0' none",
              [len(decode_hits(answer(f"search-{n}.hex"))) for n in ("many", "empty", "absent", "k0")] == [50, 0, 0, 0])
        df = {n: words(answer(f"frequency-{n}.hex", "vm") or bytes(32))[0] for n in ("common", "rare", "absent")}
        check("documentFrequency: the common term is in more documents than the rare one, the absent in none",
              df["common"] > df["rare"] > 0 and df["absent"] == 0, df)

        r = run(o.vcc, "run", out, "--calldata", "@" + os.path.join(requests, "count.hex"), "--store", store,
                "--target", "vm", "--json")
        count = words(bytes.fromhex(json.loads(r.stdout)["response"][2:]))[0] if r.returncode == 0 else None
        check("documentCount = the collection's size", count == corpus["documents"], r.stdout + r.stderr)

        sample = Sample(o.vcc, o.sample, tmp)  # the build and store above
        sample.store = store
        sample.check_cuda_build([f[:-4] for f in sorted(os.listdir(requests))])
        sample.check_hash_and_missing_data("search-common")
    return summary("sample_search")


if __name__ == "__main__":
    sys.exit(main())
