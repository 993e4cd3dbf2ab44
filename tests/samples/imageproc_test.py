#!/usr/bin/env python3
"""The imageproc sample end to end, as a service author runs it:
vcc build, the image blob made by make_image.py and bundled by vcc publish
--blob (the committed corpus names its data root), verify-equiv over the
corpus and fuzzed calls with the bundle as the data store, qemu-riscv64 as
the third oracle for the methods that read no blob, every answer equal to
make_image.py's independent implementation of the README's definitions,
the --cuda build answering as the CPU build, vcc hash, and a store without
the image. Last line: 'sample_imageproc: N passed, M failed'."""
import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "driver"))
from check_support import check, run, summary  # noqa: E402


def words(data):
    return [int.from_bytes(data[i:i + 32], "big") for i in range(0, len(data), 32)]


def decode(method, response):
    """The response as make_image.expect gives it."""
    w = words(response)

    def dynamic(offset, as_bytes):
        n = w[offset // 32]
        return response[offset + 32:offset + 32 + n].hex() if as_bytes else w[offset // 32 + 1:offset // 32 + 1 + n]

    if method in ("blur", "sobel", "resize"):
        return dynamic(w[0], True)
    if method == "histogram":
        return dynamic(w[0], False)
    if method == "statistics":
        return w[:3]
    start = w[0]  # edges: one tuple (bytes, uint32[], uint64) with dynamic members
    inner = w[start // 32:start // 32 + 3]
    return [dynamic(start + inner[0], True), dynamic(start + inner[1], False), inner[2]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/imageproc")
    o = parser.parse_args()
    sys.path.insert(0, o.sample)
    import make_image  # the independent implementation

    requests = os.path.join(o.sample, "requests")
    with open(os.path.join(o.sample, "requests.json")) as f:
        corpus = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        out, blob, bundle = (os.path.join(tmp, n) for n in ("out", "image.bin", "bundle"))
        r = run(o.vcc, "build", os.path.join(o.sample, "imageproc.cpp"), "-o", out)
        if not check("vcc build samples/imageproc/imageproc.cpp", r.returncode == 0, r.stdout + r.stderr):
            return summary("sample_imageproc")
        run(sys.executable, os.path.join(o.sample, "make_image.py"), "image", blob)
        r = run(o.vcc, "publish", out, "--bundle", bundle, "--blob", blob, "--json")
        published = json.loads(r.stdout) if r.returncode == 0 else {}
        roots = [b["dataRoot"] for b in published.get("blobs", []) if b.get("role") == "data"]
        check("vcc publish --blob bundles the image; the committed corpus names its data root",
              roots == [corpus["dataRoot"]], (roots, corpus["dataRoot"], r.stderr))
        store = os.path.join(bundle, "blobs")

        r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--store", store, "--fuzz", "60", "--seed", "5",
                "--json", timeout=1800)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv: the corpus and 60 fuzzed calls byte-identical, every one compared",
              r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0 and
              report.get("requests") == 60 + len(corpus["requests"]), r.stdout[-1500:] + r.stderr)
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("verify-equiv: every method got requests", len(counts) == 6 and min(counts.values()) >= 5, counts)

        inline = os.path.join(tmp, "inline")
        os.makedirs(inline)
        for name, request in corpus["requests"].items():
            if request["method"] != "edges":
                shutil.copy(os.path.join(requests, f"{name}.hex"), inline)
        r = run(o.vcc, "verify-equiv", out, "--corpus", inline, "--oracle", "qemu", "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("verify-equiv --oracle qemu over the methods that take the image in the request: equal on qemu too",
              r.returncode == 0 and report.get("mismatchCount") == 0 and "qemu" in report.get("targets", ""),
              r.stdout[-1500:] + r.stderr)

        def answer(name, build=out, target="native"):
            r = run(o.vcc, "run", build, "--calldata", "@" + os.path.join(requests, f"{name}.hex"), "--store", store,
                    "--target", target, "--json")
            result = json.loads(r.stdout) if r.stdout.strip() else {}
            return bytes.fromhex(result["response"][2:]) if r.returncode == 0 else None

        for name, request in corpus["requests"].items():
            got = answer(name)
            if "pixels" in request:
                check(f"{name}: pixels that do not match width × height give an empty result",
                      got is not None and decode(request["method"], got) == "", got)
                continue
            want = make_image.expect(request)
            check(f"{name}: {request['method']} {request['width']}×{request['height']} equals the Python "
                  f"implementation", got is not None and decode(request["method"], got) == want,
                  (decode(request["method"], got) if got else None, want) if request["method"] != "edges" else "")

        cuda_out = os.path.join(tmp, "out-cuda")
        r = run(o.vcc, "build", os.path.join(o.sample, "imageproc.cpp"), "-o", cuda_out, "--cuda")
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
            r = run(o.vcc, "run", out, "--calldata", "@" + os.path.join(requests, "edges.hex"), "--store", empty,
                    "--target", target, "--json")
            check(f"edges with a store without the image: {target} stops with missing data (exit 104)",
                  r.returncode == 104, (r.returncode, r.stdout, r.stderr))
    return summary("sample_imageproc")


if __name__ == "__main__":
    sys.exit(main())
