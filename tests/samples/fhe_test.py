#!/usr/bin/env python3
"""The fhe sample end to end, as a service author runs it (sample_support):
vcc build, the encrypted vector made by fhe.py and bundled by vcc publish
--blob, verify-equiv over the corpus and fuzzed calls, qemu-riscv64 as the
third oracle for the methods that read no blob, every answer decrypted by
the companion script to the plaintext result (with noise well inside the
bound), malformed operands giving empty results, the --cuda build, vcc
hash, and a store without the vector.
Last line: 'sample_fhe: N passed, M failed'."""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_support import Sample, check, decode_bytes  # noqa: E402
from check_support import summary  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/fhe")
    o = parser.parse_args()
    sys.path.insert(0, o.sample)
    import fhe  # the companion script: keys, encryption, decryption

    with open(os.path.join(o.sample, "requests.json")) as f:
        corpus = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Sample(o.vcc, o.sample, tmp)
        if not sample.build():
            return summary("sample_fhe")
        sample.publish([sys.executable, os.path.join(o.sample, "fhe.py"), "vector"], "vector.bin",
                       corpus["dataRoot"], "encrypted vector")
        sample.verify(len(corpus["requests"]), fuzz=60, seed=5, methods=4, per_method=10)
        sample.verify_with_qemu([n for n in corpus["requests"] if not n.startswith("dot")])

        key, bound = corpus["key"], fhe.DELTA // 4
        for name, (method, args) in corpus["requests"].items():
            response = sample.answer(name, target="vm")
            got = decode_bytes(response) if response is not None else None
            if name in ("dot-wrong-count", "add-mismatch"):
                check(f"{name}: an empty result, no trap", got == b"", got)
                continue
            if method == "dot":
                want = sum(w * m for w, m in zip(args[0], corpus["vector"])) % fhe.T
                n = corpus["vectorDimension"]
            else:
                m, n = args[0], args[1]
                want = {"add": lambda: m[0] + m[1], "scale": lambda: m[0] * args[2],
                        "multiply": lambda: m[0] * m[1]}[method]() % fhe.T
            words = fhe.from_bytes(got) if got else []
            message, noise = fhe.decrypt(key, n, words) if len(words) in (n + 1, (n + 1) ** 2) else (None, None)
            check(f"{name}: {method} decrypts to {want} (noise {noise}, bound Δ/4 = {bound})",
                  message == want and abs(noise) < bound, (message, noise, len(words)))

        sample.check_cuda_build(corpus["requests"])
        sample.check_hash_and_missing_data("dot")
    return summary("sample_fhe")


if __name__ == "__main__":
    sys.exit(main())
