#!/usr/bin/env python3
"""Writes the matmul sample's request corpus: calldata for multiply() and
traceBits() on matrices of several sizes whose values include the cases
that break naive bit-exactness (NaN, ±inf, ±0, subnormals, huge and tiny
magnitudes). The selectors are read from a build's manifest.json.

    make_requests.py BUILD_DIR OUT_DIR
"""
import json
import os
import random
import struct
import sys

SPECIALS = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-45, -1e-45, 1.1754942e-38,
            3.4028235e38, -3.4028235e38, 1.0, -1.0, 0.1, 1e-20, 1e20]


def word(value):
    return value.to_bytes(32, "big")


def calldata(selector, n, a, b):
    # (uint32 n, bytes a, bytes b): head of three words, then two tails.
    def tail(data):
        return word(len(data)) + data + b"\0" * ((32 - len(data) % 32) % 32)
    tail_a, tail_b = tail(a), tail(b)
    head = word(n) + word(96) + word(96 + len(tail_a))
    return selector + head + tail_a + tail_b


def matrix(n, rng, special_rate):
    values = [rng.choice(SPECIALS) if rng.random() < special_rate else rng.uniform(-100, 100) for _ in range(n * n)]
    return struct.pack(f"<{n * n}f", *values)


def main():
    build, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(build, "manifest.json")) as f:
        methods = {m["name"]: bytes.fromhex(m["selector"][2:]) for m in json.load(f)["methods"]}
    os.makedirs(out, exist_ok=True)
    rng = random.Random(2026)
    for n, rate in [(1, 0.5), (2, 0.3), (3, 0.3), (8, 0.1), (17, 0.05), (64, 0.01)]:
        a, b = matrix(n, rng, rate), matrix(n, rng, rate)
        for name in ("multiply", "traceBits"):
            with open(os.path.join(out, f"{name}-{n}x{n}.hex"), "w") as f:
                f.write("0x" + calldata(methods[name], n, a, b).hex() + "\n")


if __name__ == "__main__":
    main()
