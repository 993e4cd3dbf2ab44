#!/usr/bin/env python3
"""Runs math_bitwise natively and in vcc's VM on one request and compares
the responses byte for byte; on a difference, names the function and the
index of the first differing result (tests/stdlib/math/math_bitwise.cpp).
A diagnostic and long-run tool: ctest compares with cmake/dual_program_check.py.

  run_bitwise.py --native EXE --vcc VCC --image IMAGE [--seed S] [--n N]
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

FUNCTIONS = ["exp", "expm1", "log", "log1p", "sin", "cos", "tanh", "sigmoid", "erf", "erfc", "gelu", "rsqrt",
             "pow", "expf", "expm1f", "logf", "log1pf", "sinf", "cosf", "tanhf", "sigmoidf", "erff", "erfcf",
             "geluf", "gelu_tanhf", "rsqrtf", "powf"]


def first_difference(a, b):
    offset = 0
    while offset + 8 <= min(len(a), len(b)):
        function, count = struct.unpack_from("<II", a, offset)
        width = 8 if function < 13 else 4
        end = offset + 8 + count * width
        if a[offset:end] != b[offset:end]:
            for i in range(count):
                p = offset + 8 + i * width
                if a[p:p + width] != b[p:p + width]:
                    name = FUNCTIONS[function] if function < len(FUNCTIONS) else str(function)
                    return (f"{name}: result {i} differs: native {a[p:p + width][::-1].hex()} "
                            f"vm {b[p:p + width][::-1].hex()}")
            return f"header of function block at byte {offset} differs"
        offset = end
    return f"lengths differ: native {len(a)}, vm {len(b)}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--native", required=True)
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=2048)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        request = os.path.join(tmp, "request.bin")
        with open(request, "wb") as f:
            f.write(struct.pack("<QQ", args.seed, args.n))
        outputs = {}
        for label, command in [("native", [args.native, "--input", request]),
                               ("vm", [args.vcc, "vm", "run", args.image, "--input", request])]:
            path = os.path.join(tmp, label + ".bin")
            result = subprocess.run(command + ["--output", path], stderr=subprocess.PIPE)
            if result.returncode != 0:
                print(f"{label} failed with exit code {result.returncode}: {result.stderr.decode(errors='replace')}")
                return 1
            with open(path, "rb") as f:
                outputs[label] = f.read()
        a, b = outputs["native"], outputs["vm"]
        if a != b:
            print("MISMATCH:", first_difference(a, b))
            return 1
        print(f"native and vm agree: {len(a)} bytes, {len(FUNCTIONS)} functions, seed {args.seed}, n {args.n}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
