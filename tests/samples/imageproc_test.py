#!/usr/bin/env python3
"""The imageproc sample end to end, as a service author runs it
(sample_support): vcc build, the image blob made by make_image.py and
bundled by vcc publish --blob, verify-equiv over the corpus and fuzzed
calls, qemu-riscv64 as the third oracle for the methods that take the image
in the request, every answer equal to make_image.py's independent
implementation of the README's definitions, the --cuda build, vcc hash, and
a store without the image. Last line: 'sample_imageproc: N passed, M failed'."""
import argparse
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_support import Sample, check  # noqa: E402
from check_support import summary  # noqa: E402


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

    with open(os.path.join(o.sample, "requests.json")) as f:
        corpus = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Sample(o.vcc, o.sample, tmp)
        if not sample.build():
            return summary("sample_imageproc")
        sample.publish([sys.executable, os.path.join(o.sample, "make_image.py"), "image"], "image.bin",
                       corpus["dataRoot"], "image")
        sample.verify(len(corpus["requests"]), fuzz=60, seed=5, methods=6, per_method=5)
        sample.verify_with_qemu([n for n, r in corpus["requests"].items() if r["method"] != "edges"])

        for name, request in corpus["requests"].items():
            got = sample.answer(name)
            if "pixels" in request:
                check(f"{name}: pixels that do not match width × height give an empty result",
                      got is not None and decode(request["method"], got) == "", got)
                continue
            want = make_image.expect(request)
            check(f"{name}: {request['method']} {request['width']}×{request['height']} equals the Python "
                  f"implementation", got is not None and decode(request["method"], got) == want,
                  (decode(request["method"], got) if got else None, want) if request["method"] != "edges" else "")

        sample.check_cuda_build(corpus["requests"])
        sample.check_hash_and_missing_data("edges")
    return summary("sample_imageproc")


if __name__ == "__main__":
    sys.exit(main())
