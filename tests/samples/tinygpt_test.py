#!/usr/bin/env python3
"""The tinygpt sample end to end, as a service author runs it
(sample_support): vcc build, the weights made by make_model.py and bundled
by vcc publish --blob, verify-equiv over the corpus and fuzzed calls, the
native answers against an independent forward pass in Python
(make_model.py expect: logits within 1e-3, the same greedy and sampled
tokens), the --cuda build, vcc hash, and a store without the weights.
With --long: a generation that fills the whole context, natively and in
the VM, against the Python reference, and 200 fuzzed calls.
Last line: 'sample_tinygpt: N passed, M failed'."""
import argparse
import json
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_support import Sample, check, decode_bytes  # noqa: E402
from check_support import run, summary  # noqa: E402


def words(data):
    return [int.from_bytes(data[i:i + 32], "big") for i in range(0, len(data), 32)]


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
    with open(os.path.join(o.sample, "requests.json")) as f:
        corpus = json.load(f)
    name = "sample_tinygpt_long" if o.long else "sample_tinygpt"

    with tempfile.TemporaryDirectory() as tmp:
        sample = Sample(o.vcc, o.sample, tmp)
        if not sample.build():
            return summary(name)
        model = sample.publish([sys.executable, make, "model"], "model.bin", corpus["dataRoot"], "weights")
        size = os.path.getsize(model) if os.path.exists(model) else 0
        check("the weights hold at least 1 M float32 parameters", size >= 32 + 4_000_000, size)
        if o.long:
            long_check(o, sample, make, model, corpus["dataRoot"])
            return summary(name)

        sample.verify(len(corpus["requests"]), fuzz=40, seed=3, methods=4, per_method=5)
        info = sample.answer("info")
        shape = words(info) if info else []
        check("modelInfo: vocabulary 256, width 128, 6 layers, 4 heads, context 64, MLP 512, the blob's parameter "
              "count (>= 1 M)", shape == [256, 128, 6, 4, 64, 512, (size - 32) // 4] and shape[6] >= 1_000_000, shape)

        for request, (_, prompt) in ((n, corpus["requests"][n]) for n in ("logits-the", "logits-one")):
            response = sample.answer(request)
            got = list(struct.unpack("<256f", decode_bytes(response))) if response else []
            want = expect(make, model, prompt) or []
            worst = max((abs(a - b) for a, b in zip(got, want)), default=None)
            check(f"{request}: the 256 logits after {prompt!r} equal the Python forward pass within 1e-3 "
                  f"(worst {worst})", len(got) == len(want) == 256 and worst < 1e-3, worst)

        for request in ("generate-greedy", "sample-seed1", "sample-seed2", "sample-hot", "sample-temperature0"):
            method, prompt, count, *draw = corpus["requests"][request]
            response = sample.answer(request)
            tokens = list(decode_bytes(response)) if response else None
            extra = ["--sample", str(draw[0]), str(draw[1])] if method == "sample" and draw[1] else []
            want = expect(make, model, prompt, "--generate", str(count), *extra)
            described = f", seed {draw[0]}, temperature {draw[1] / 1000:g}" if draw else ""
            check(f"{request}: {method}({prompt!r}, {count}{described}) gives the Python reference's tokens "
                  f"{bytes(want or [])!r}", tokens == want, (tokens, want))
        for request in ("empty-prompt", "too-long", "count0"):
            response = sample.answer(request)
            check(f"{request}: an empty result, no trap", response is not None and decode_bytes(response) == b"",
                  response)

        sample.check_cuda_build(corpus["requests"])
        sample.check_hash_and_missing_data("generate-greedy")
    return summary(name)


def long_check(o, sample, make, model, root):
    """A generation that fills the context (8 prompt tokens, 56 generated:
    64 forward positions), natively and in the VM; then 200 fuzzed calls."""
    prompt = "The prog"
    got = {}
    for target in ("native", "vm"):
        r = run(o.vcc, "run", sample.out, "--method", "generate", "--args", json.dumps([root, prompt, 56]), "--store",
                sample.store, "--target", target, "--json", timeout=1800)
        result = json.loads(r.stdout) if r.returncode == 0 else {}
        got[target] = bytes.fromhex(result["response"][2:]) if "response" in result else None
    native, vm = got["native"], got["vm"]
    want = expect(make, model, prompt, "--generate", "56")
    check("generate(56 tokens after an 8-token prompt, the whole context): native = VM",
          native is not None and native == vm, (native, vm))
    check("... and = the Python reference's greedy tokens",
          native is not None and list(decode_bytes(native)) == want, (native, want))
    r = run(o.vcc, "verify-equiv", sample.out, "--store", sample.store, "--fuzz", "200", "--seed", "11", "--json",
            timeout=3600)
    report = json.loads(r.stdout) if r.stdout.strip() else {}
    check("verify-equiv --fuzz 200: no mismatch, every call compared",
          r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0,
          r.stdout[-1500:])


if __name__ == "__main__":
    sys.exit(main())
