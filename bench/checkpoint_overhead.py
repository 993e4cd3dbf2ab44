#!/usr/bin/env python3
"""Cost of state-root checkpoints: `vcc vm run IMAGE` with and without
`--checkpoint-every N` (default 1,000,000) on the VM benchmark guests.

Runs are interleaved and each pinned to the same two cores (taskset -c 0,1)
when available: with checkpoints, `vcc vm run` hashes each root on a second
thread while the machine runs on (StateRootPipeline), so it may use two
cores; without, it uses one. --cores 1 pins both to one core, which shows
the hashing cost itself. The best of K wall times of each mode is kept, and
the slowdown is (with - without) / without. Both runs must produce the same steps and
response. Prints a markdown table with --markdown.

Usage:
    python3 bench/checkpoint_overhead.py --vcc build/driver/vcc --guests build/guests \
        [--every 1000000] [--repeat 3] [--cores 2] [--markdown]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

PROGRAMS = ["matmul", "keccak", "sort", "mixed"]


def timed_run(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, timeout=600)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stderr[-400:]!r}")
    return elapsed, json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--guests", required=True)
    parser.add_argument("--every", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--programs", nargs="*", default=PROGRAMS)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--cores", type=int, choices=[1, 2], default=2)
    options = parser.parse_args()
    cpus = "0" if options.cores == 1 else "0,1"
    pin = ["taskset", "-c", cpus] if shutil.which("taskset") and (os.cpu_count() or 1) >= options.cores else []
    out = tempfile.mkdtemp(prefix="vcc-ckpt-")
    rows = []
    for name in options.programs:
        image = os.path.join(options.guests, f"vmbench-{name}.elf")
        base = pin + [options.vcc, "vm", "run", image, "--json", "--max-steps", "100000000000"]
        plain, checked = [], []
        for _ in range(options.repeat):
            t, a = timed_run(base + ["--output", os.path.join(out, "a")])
            plain.append(t)
            t, b = timed_run(base + ["--output", os.path.join(out, "b"), "--checkpoint-every", str(options.every)])
            checked.append(t)
            if a["steps"] != b["steps"]:
                raise RuntimeError(f"{name}: steps differ with checkpoints")
            with open(os.path.join(out, "a"), "rb") as fa, open(os.path.join(out, "b"), "rb") as fb:
                if fa.read() != fb.read():
                    raise RuntimeError(f"{name}: response differs with checkpoints")
        steps = a["steps"]
        checkpoints = len(b["checkpoints"])
        rows.append((name, steps, checkpoints, min(plain), min(checked)))
    if options.markdown:
        print(f"| program | steps | checkpoints | without (s) | with (s) | slowdown |")
        print("|---|--:|--:|--:|--:|--:|")
    for name, steps, checkpoints, plain, checked in rows:
        slowdown = 100.0 * (checked - plain) / plain
        if options.markdown:
            print(f"| {name} | {steps:,} | {checkpoints:,} | {plain:.3f} | {checked:.3f} | {slowdown:+.1f} % |")
        else:
            print(f"{name:8s} steps {steps:>14,}  checkpoints {checkpoints:>6,}  "
                  f"without {plain:.3f} s  with {checked:.3f} s  slowdown {slowdown:+.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
