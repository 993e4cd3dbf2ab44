#!/usr/bin/env python3
"""The fhe sample end to end, as a service author runs it:
vcc build, the encrypted vector made by fhe.py and bundled by vcc publish
--blob (the committed corpus names its data root), verify-equiv over the
corpus and fuzzed calls with the bundle as the data store, qemu-riscv64 as
the third oracle for the methods that read no blob, every answer decrypted
by the companion script to the plaintext result (with noise well inside
the bound), malformed operands giving empty results, the --cuda build
answering as the CPU build, vcc hash, and a store without the vector.
Last line: 'sample_fhe: N passed, M failed'."""
import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "driver"))
from check_support import check, run, summary  # noqa: E402


def decode_bytes(response):
    w = [int.from_bytes(response[i:i + 32], "big") for i in range(0, len(response), 32)]
    start, length = w[0], w[w[0] // 32]
    return response[start + 32:start + 32 + length]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/fhe")
    o = parser.parse_args()
    sys.path.insert(0, o.sample)
    import fhe  # the companion script: keys, encryption, decryption

    requests = os.path.join(o.sample, "requests")
    with open(os.path.join(o.sample, "requests.json")) as f:
        corpus = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        out, blob, bundle = (os.path.join(tmp, n) for n in ("out", "vector.bin", "bundle"))
        r = run(o.vcc, "build", os.path.join(o.sample, "fhe.cpp"), "-o", out)
        if not check("vcc build samples/fhe/fhe.cpp", r.returncode == 0, r.stdout + r.stderr):
            return summary("sample_fhe")
        r = run(sys.executable, os.path.join(o.sample, "fhe.py"), "vector", blob)
        r = run(o.vcc, "publish", out, "--bundle", bundle, "--blob", blob, "--json")
        published = json.loads(r.stdout) if r.returncode == 0 else {}
        roots = [b["dataRoot"] for b in published.get("blobs", []) if b.get("role") == "data"]
        check("vcc publish --blob bundles the encrypted vector; the committed corpus names its data root",
              roots == [corpus["dataRoot"]], (roots, corpus["dataRoot"], r.stderr))
        store = os.path.join(bundle, "blobs")

        r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--store", store, "--fuzz", "60", "--seed", "5",
                "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv: the corpus and 60 fuzzed calls byte-identical, every one compared",
              r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0 and
              report.get("requests") == 60 + len(corpus["requests"]), r.stdout[-1500:] + r.stderr)
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("verify-equiv: every method got requests", len(counts) == 4 and min(counts.values()) >= 10, counts)

        # qemu-riscv64 as a third oracle: it has no data oracle, so only the
        # methods that read no blob.
        inline = os.path.join(tmp, "inline")
        os.makedirs(inline)
        for name in corpus["requests"]:
            if not name.startswith("dot"):
                shutil.copy(os.path.join(requests, f"{name}.hex"), inline)
        r = run(o.vcc, "verify-equiv", out, "--corpus", inline, "--oracle", "qemu", "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv --oracle qemu over add, scale and multiply: byte-identical on qemu too",
              r.returncode == 0 and report.get("mismatchCount") == 0 and "qemu" in report.get("targets", ""),
              r.stdout[-1500:] + r.stderr)

        def answer(name, build=out, target="native"):
            r = run(o.vcc, "run", build, "--calldata", "@" + os.path.join(requests, f"{name}.hex"), "--store", store,
                    "--target", target, "--json")
            result = json.loads(r.stdout) if r.stdout.strip() else {}
            return decode_bytes(bytes.fromhex(result["response"][2:])) if r.returncode == 0 else None

        key, bound = corpus["key"], fhe.DELTA // 4
        for name, (method, args) in corpus["requests"].items():
            got = answer(name, target="vm")
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

        cuda_out = os.path.join(tmp, "out-cuda")
        r = run(o.vcc, "build", os.path.join(o.sample, "fhe.cpp"), "-o", cuda_out, "--cuda")
        has_nvcc = any(os.access(os.path.join(d, "nvcc"), os.X_OK)
                       for d in os.environ.get("PATH", "").split(os.pathsep) + ["/usr/local/cuda/bin"])
        work = os.path.join(cuda_out, ".vcc-work", "cuda")
        ptx = os.listdir(work) if os.path.isdir(work) else []
        check("vcc build --cuda: builds, and with nvcc present its PTX was kept and scanned",
              r.returncode == 0 and (not has_nvcc or any(f.endswith(".ptx") for f in ptx)), r.stdout[-800:] + r.stderr)
        differ = [n for n in corpus["requests"] if answer(n, cuda_out) != answer(n)]
        check("the --cuda build answers every corpus request as the CPU build does", not differ, differ)

        r = run(o.vcc, "hash", out)
        check("vcc hash prints the program hashes", r.returncode == 0 and "0x" in r.stdout, r.stdout + r.stderr)
        empty = os.path.join(tmp, "empty-store")
        os.makedirs(empty)
        for target in ("vm", "native"):
            r = run(o.vcc, "run", out, "--calldata", "@" + os.path.join(requests, "dot.hex"), "--store", empty,
                    "--target", target, "--json")
            check(f"dot with a store without the vector: {target} stops with missing data (exit 104)",
                  r.returncode == 104, (r.returncode, r.stdout, r.stderr))
    return summary("sample_fhe")


if __name__ == "__main__":
    sys.exit(main())
