#!/usr/bin/env python3
"""What proving step N costs a provider, against running to step N.

For each benchmark guest (default: the four bench/vm guests, about 10^9
steps each) this times, interleaved and pinned to one core when taskset is
there:

    run         vcc vm run IMAGE --max-steps N            (the interpreter to step N)
    prove       vcc vm prove IMAGE --step N -o PROOF      (the same run, then the proof)
    snapshot    vcc vm prove IMAGE --step N --snapshots DIR, DIR holding
                the snapshots of `vcc vm run --snapshot-every S`

and checks that `vcc vm verify-step` accepts each proof. Reported: best
wall times and the ratios prove/run and snapshot/run (the issue's bound:
prove/run at most about 2).

Usage:
    python3 bench/prove_bench.py --vcc build/driver/vcc --guests build/guests \
        [--step 1000000000] [--snapshot-every 100000000] [--repeat 3] [--markdown]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

GUESTS = ["vmbench-keccak", "vmbench-matmul", "vmbench-mixed", "vmbench-sort"]


def pinned(command):
    return (["taskset", "-c", "0"] if shutil.which("taskset") else []) + command


def timed(command, ok_codes=(0,)):
    started = time.perf_counter()
    result = subprocess.run(pinned(command), capture_output=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in ok_codes:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode(errors='replace')}")
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vcc", required=True)
    ap.add_argument("--guests", required=True)
    ap.add_argument("--step", type=int, default=900_000_000)
    ap.add_argument("--snapshot-every", type=int, default=100_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="vcc-prove-bench-")
    rows = []
    try:
        for guest in GUESTS:
            image = os.path.join(args.guests, guest + ".elf")
            snaps = os.path.join(tmp, guest)
            # The step limit exit (101) is the expected end of a run to step N.
            timed([args.vcc, "vm", "run", image, "--max-steps", str(args.step), "--output", os.devnull,
                   "--snapshot-every", str(args.snapshot_every), "--snapshot-dir", snaps], ok_codes=(0, 101))
            best = {"run": 1e9, "prove": 1e9, "snapshot": 1e9}
            proof = os.path.join(tmp, guest + ".proof")
            for _ in range(args.repeat):
                best["run"] = min(best["run"], timed([args.vcc, "vm", "run", image, "--max-steps", str(args.step),
                                                      "--output", os.devnull], ok_codes=(0, 101)))
                best["prove"] = min(best["prove"], timed([args.vcc, "vm", "prove", image, "--step", str(args.step),
                                                          "-o", proof]))
                best["snapshot"] = min(best["snapshot"], timed([args.vcc, "vm", "prove", image, "--step",
                                                                str(args.step), "-o", proof, "--snapshots", snaps]))
            verified = subprocess.run([args.vcc, "vm", "verify-step", proof], capture_output=True)
            if verified.returncode != 0:
                sys.exit(f"{guest}: the proof does not verify: {verified.stderr.decode(errors='replace')}")
            size = os.path.getsize(proof)
            rows.append((guest, best["run"], best["prove"], best["snapshot"], size))
            shutil.rmtree(snaps, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.markdown:
        print(f"| guest (step {args.step:,}) | run to N | prove N | prove/run | from a snapshot (every "
              f"{args.snapshot_every:,}) | snapshot/run | proof bytes |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for guest, run, prove, snap, size in rows:
            print(f"| {guest} | {run:.2f} s | {prove:.2f} s | {prove / run:.2f} | {snap:.2f} s | {snap / run:.2f} | {size} |")
    else:
        for guest, run, prove, snap, size in rows:
            print(f"{guest}: run {run:.2f} s, prove {prove:.2f} s ({prove / run:.2f}x), "
                  f"from snapshot {snap:.2f} s ({snap / run:.2f}x), proof {size} B")


if __name__ == "__main__":
    main()
