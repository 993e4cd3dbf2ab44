#!/usr/bin/env python3
"""The tinygpt sample end to end, as a service author runs it:
vcc build, the weights made by make_model.py and bundled by vcc publish
--blob (its data root names them; the committed corpus names the same
root), verify-equiv over the corpus and fuzzed calls with the bundle as the
data store (native serial, threads and the VM), the native answers against
an independent forward pass in Python (make_model.py expect: logits within
1e-3, the same greedy and sampled tokens), the --cuda build answering as
the CPU build does, vcc hash, and a store without the weights.
With --long: a generation that fills the whole context, natively and in
the VM, against the Python reference, and 200 fuzzed calls.
Last line: 'sample_tinygpt: N passed, M failed'."""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "driver"))
from check_support import check, run, summary  # noqa: E402


def words(data):
    return [int.from_bytes(data[i:i + 32], "big") for i in range(0, len(data), 32)]


def decode_bytes(response):
    """A response holding one `bytes` value."""
    w = words(response)
    start, length = w[0], w[w[0] // 32]
    return response[start + 32:start + 32 + length]


def answer(vcc, out, file, store, target="native"):
    r = run(vcc, "run", out, "--calldata", "@" + file, "--store", store, "--target", target, "--json", timeout=1800)
    result = json.loads(r.stdout) if r.stdout.strip() else {}
    return bytes.fromhex(result["response"][2:]) if r.returncode == 0 and "response" in result else None


def expect(make, model, prompt, *extra):
    r = run(sys.executable, make, "expect", model, prompt, *extra, timeout=1800)
    return json.loads(r.stdout) if r.returncode == 0 else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/tinygpt")
    parser.add_argument("--long", action="store_true", help="the heavy checks (ctest label long)")
    o = parser.parse_args()
    make = os.path.join(o.sample, "make_model.py")
    requests = os.path.join(o.sample, "requests")
    with open(os.path.join(o.sample, "requests.json")) as f:
        corpus = json.load(f)
    name = "sample_tinygpt_long" if o.long else "sample_tinygpt"

    with tempfile.TemporaryDirectory() as tmp:
        out, model, bundle = (os.path.join(tmp, n) for n in ("out", "model.bin", "bundle"))
        r = run(o.vcc, "build", os.path.join(o.sample, "tinygpt.cpp"), "-o", out)
        if not check("vcc build samples/tinygpt/tinygpt.cpp", r.returncode == 0, r.stdout + r.stderr):
            return summary(name)
        r = run(sys.executable, make, "model", model)
        size = os.path.getsize(model) if r.returncode == 0 else 0
        check("make_model.py writes at least 1 M float32 parameters", size >= 32 + 4_000_000, (size, r.stderr))
        r = run(o.vcc, "publish", out, "--bundle", bundle, "--blob", model, "--json")
        published = json.loads(r.stdout) if r.returncode == 0 else {}
        roots = [b["dataRoot"] for b in published.get("blobs", []) if b.get("role") == "data"]
        check("vcc publish --blob bundles the weights; the committed corpus names their data root "
              "(make_model.py is deterministic)", roots == [corpus["dataRoot"]], (roots, corpus["dataRoot"]))
        store = os.path.join(bundle, "blobs")
        file = lambda n: os.path.join(requests, f"{n}.hex")

        if o.long:
            long_check(o, make, out, model, store, tmp)
            return summary(name)

        r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--store", store, "--fuzz", "40", "--seed", "3",
                "--json", timeout=1800)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv: the corpus and 40 fuzzed calls byte-identical on every target, every one compared",
              r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0 and
              report.get("requests", 0) == 40 + len(corpus["requests"]), r.stdout[-1500:] + r.stderr)
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("verify-equiv: every method got requests", len(counts) == 4 and min(counts.values()) >= 5, counts)

        info = answer(o.vcc, out, file("info"), store)
        shape = words(info) if info else []
        check("modelInfo: vocabulary 256, width 128, 6 layers, 4 heads, context 64, MLP 512, the blob's parameter "
              "count (>= 1 M)", shape == [256, 128, 6, 4, 64, 512, (size - 32) // 4] and shape[6] >= 1_000_000, shape)

        for request, (_, prompt) in ((n, corpus["requests"][n]) for n in ("logits-the", "logits-one")):
            response = answer(o.vcc, out, file(request), store)
            got = list(struct.unpack("<256f", decode_bytes(response))) if response else []
            want = expect(make, model, prompt) or []
            worst = max((abs(a - b) for a, b in zip(got, want)), default=None)
            check(f"{request}: the 256 logits after {prompt!r} equal the Python forward pass within 1e-3 "
                  f"(worst {worst})", len(got) == len(want) == 256 and worst < 1e-3, worst)

        for request in ("generate-greedy", "sample-seed1", "sample-seed2", "sample-hot", "sample-temperature0"):
            method, prompt, count, *draw = corpus["requests"][request]
            response = answer(o.vcc, out, file(request), store)
            tokens = list(decode_bytes(response)) if response else None
            extra = ["--sample", str(draw[0]), str(draw[1])] if method == "sample" and draw[1] else []
            want = expect(make, model, prompt, "--generate", str(count), *extra)
            check(f"{request}: {method}({prompt!r}, {count}{', seed %d, temperature %g' % (draw[0], draw[1] / 1000) if draw else ''}) "
                  f"gives the Python reference's tokens {bytes(want or [])!r}", tokens == want, (tokens, want))
        for request in ("empty-prompt", "too-long", "count0"):
            response = answer(o.vcc, out, file(request), store)
            check(f"{request}: an empty result, no trap", response is not None and decode_bytes(response) == b"",
                  response)

        # The cuda build (nvcc; its PTX scanned): without a device it runs on
        # the CPU backends and must answer as the CPU build (= the VM) does.
        cuda_out = os.path.join(tmp, "out-cuda")
        r = run(o.vcc, "build", os.path.join(o.sample, "tinygpt.cpp"), "-o", cuda_out, "--cuda")
        has_nvcc = any(os.access(os.path.join(d, "nvcc"), os.X_OK)
                       for d in os.environ.get("PATH", "").split(os.pathsep) + ["/usr/local/cuda/bin"])
        work = os.path.join(cuda_out, ".vcc-work", "cuda")
        ptx = os.listdir(work) if os.path.isdir(work) else []
        check("vcc build --cuda: builds, and with nvcc present its PTX was kept and scanned",
              r.returncode == 0 and (not has_nvcc or any(f.endswith(".ptx") for f in ptx)), r.stdout[-800:] + r.stderr)
        differ = [n for n in corpus["requests"]
                  if answer(o.vcc, cuda_out, file(n), store) != answer(o.vcc, out, file(n), store)]
        check("the --cuda build answers every corpus request as the CPU build does", not differ, differ)

        r = run(o.vcc, "hash", out)
        check("vcc hash prints the program hashes", r.returncode == 0 and "0x" in r.stdout, r.stdout + r.stderr)
        empty = os.path.join(tmp, "empty-store")
        os.makedirs(empty)
        for target in ("vm", "native"):
            r = run(o.vcc, "run", out, "--calldata", "@" + file("generate-greedy"), "--store", empty, "--target",
                    target, "--json")
            check(f"a store without the weights: {target} stops with missing data (exit 104), no response",
                  r.returncode == 104 and r.stdout.strip() and json.loads(r.stdout).get("response") == "0x",
                  (r.returncode, r.stdout, r.stderr))
    return summary(name)


def long_check(o, make, out, model, store, tmp):
    """A generation that fills the context (8 prompt tokens, 56 generated:
    64 forward positions), natively and in the VM; then 200 fuzzed calls."""
    prompt = "The prog"
    root = json.load(open(os.path.join(o.sample, "requests.json")))["dataRoot"]
    got = {}
    for target in ("native", "vm"):
        r = run(o.vcc, "run", out, "--method", "generate", "--args", json.dumps([root, prompt, 56]), "--store", store,
                "--target", target, "--json", timeout=1800)
        result = json.loads(r.stdout) if r.returncode == 0 else {}
        got[target] = bytes.fromhex(result["response"][2:]) if "response" in result else None
    native, vm = got["native"], got["vm"]
    want = expect(make, model, prompt, "--generate", "56")
    check("generate(56 tokens after an 8-token prompt, the whole context): native = VM",
          native is not None and native == vm, (native, vm))
    check("... and = the Python reference's greedy tokens",
          native is not None and list(decode_bytes(native)) == want, (native, want))
    r = run(o.vcc, "verify-equiv", out, "--store", store, "--fuzz", "200", "--seed", "11", "--json", timeout=3600)
    report = json.loads(r.stdout) if r.stdout.strip() else {}
    check("verify-equiv --fuzz 200: no mismatch, every call compared",
          r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0,
          r.stdout[-1500:])


if __name__ == "__main__":
    sys.exit(main())
