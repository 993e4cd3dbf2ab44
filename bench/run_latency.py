#!/usr/bin/env python3
"""What the trust checks cost a request: `vcc run` and `vcc verify-equiv`
wall time with two vcc executables on the same build directory, interleaved
in one run (this machine is shared and noisy: only the ratio is meaningful).

`vcc run` now re-hashes every artifact (the native binary included) and asks
the binary for its backends before each request, and runs it in a fresh
private directory; `verify-equiv` does the checks once per command and makes
a private directory per run.

Usage:
    python3 bench/run_latency.py --before OLD/vcc --after build/driver/vcc \
        --dir BUILD_DIR --method multiply --args '[8, "0x…", "0x…"]' [--repeat 15] [--markdown]
"""
import argparse
import statistics
import subprocess
import sys
import time


def timed(command):
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--method", required=True)
    parser.add_argument("--args", required=True)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--fuzz", type=int, default=40)
    parser.add_argument("--markdown", action="store_true")
    o = parser.parse_args()
    cases = {
        "run (native)": lambda vcc: [vcc, "run", o.dir, "--method", o.method, "--args", o.args],
        "run (vm)": lambda vcc: [vcc, "run", o.dir, "--method", o.method, "--args", o.args, "--target", "vm"],
        f"verify-equiv --fuzz {o.fuzz}": lambda vcc: [vcc, "verify-equiv", o.dir, "--fuzz", str(o.fuzz)],
    }
    rows = []
    for name, make in cases.items():
        times = {"before": [], "after": []}
        repeat = o.repeat if "verify" not in name else max(3, o.repeat // 5)
        for _ in range(repeat):
            for which, vcc in (("before", o.before), ("after", o.after)):
                times[which].append(timed(make(vcc)))
        before, after = statistics.median(times["before"]), statistics.median(times["after"])
        rows.append((name, before * 1000, after * 1000, after / before))
    if o.markdown:
        print("| command | before (ms, median) | after (ms, median) | after / before |")
        print("|---|---:|---:|---:|")
        for name, before, after, ratio in rows:
            print(f"| `{name}` | {before:.1f} | {after:.1f} | {ratio:.2f} |")
    else:
        for name, before, after, ratio in rows:
            print(f"{name:32s} before {before:8.1f} ms  after {after:8.1f} ms  ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
