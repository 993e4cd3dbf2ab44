#!/usr/bin/env python3
"""The native cost of vcc's "one machine" semantics (docs/benchmarks.md):
builds bench/services/semantics_bench.cpp with two vcc executables, the
one before (libstdc++, glibc malloc, no defined-semantics rewrites) and
the one after, and times each method natively, interleaving the two
binaries (best of --repeat runs each, serial and threads backends), plus
the VM's steps for a small request of each method.

  bench/semantics_cost.py --before OLD/build/driver/vcc --after build/driver/vcc

Both binaries are clang builds (the old vcc gets --no-cuda: it built with
nvcc by default, a different host compile).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICE = os.path.join(HERE, "services", "semantics_bench.cpp")
# method -> (argument for timing natively, argument for counting VM steps)
METHODS = {
    "floats": (10_000_000, 20_000),
    "divisions": (20_000_000, 20_000),
    "sorting": (4_000_000, 5_000),
    "recursion": (1_000_000, 1_000),
    "matmul": (1536, 48),
}


def build(vcc, out, extra):
    subprocess.run([vcc, "build", SERVICE, "-o", out] + extra, check=True, capture_output=True)


def calldata(vcc, out, method, value):
    r = subprocess.run([vcc, "run", out, "--method", method, "--args", json.dumps([value]), "--target", "vm",
                        "--json"], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def time_native(binary, request_file, backend):
    start = time.perf_counter()
    subprocess.run([binary, "--backend", backend, "--input", request_file, "--output", os.devnull], check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--before-args", default="--no-cuda",
                        help="vcc build options for the before binary (the old vcc built with nvcc by default)")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset")
    o = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        builds = {}
        for label, vcc in (("before", o.before), ("after", o.after)):
            out = os.path.join(tmp, label)
            build(vcc, out, o.before_args.split() if label == "before" else [])
            builds[label] = (vcc, out)
        print(f"{'method':10} {'backend':8} {'before s':>9} {'after s':>9} {'after/before':>12}   "
              f"{'VM steps before':>15} {'VM steps after':>15}")
        for method, (native_arg, vm_arg) in METHODS.items():
            if method not in o.methods.split(","):
                continue
            steps = {label: calldata(vcc, out, method, vm_arg)["steps"] for label, (vcc, out) in builds.items()}
            # The request bytes: selector + one uint32 word, from the manifest.
            requests = {}
            for label, (vcc, out) in builds.items():
                with open(os.path.join(out, "manifest.json")) as f:
                    selector = next(m["selector"] for m in json.load(f)["methods"] if m["name"] == method)
                path = os.path.join(tmp, f"{label}-{method}.bin")
                with open(path, "wb") as f:
                    f.write(bytes.fromhex(selector[2:]) + native_arg.to_bytes(32, "big"))
                requests[label] = path
            for backend in ("serial", "threads"):
                best = {"before": float("inf"), "after": float("inf")}
                for _ in range(o.repeat):
                    for label, (vcc, out) in builds.items():
                        binary = os.path.join(out, "semantics_bench.native")
                        best[label] = min(best[label], time_native(binary, requests[label], backend))
                print(f"{method:10} {backend:8} {best['before']:9.4f} {best['after']:9.4f} "
                      f"{best['after'] / best['before']:12.3f}   {steps['before']:15d} {steps['after']:15d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
