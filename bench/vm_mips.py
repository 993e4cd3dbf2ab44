#!/usr/bin/env python3
"""VM speed benchmark: vcc's RV64IM interpreter against qemu-riscv64.

For each benchmark guest (bench/vm/*.c, built as <build>/guests/vmbench-*.elf)
this runs

    vcc vm run IMAGE --stats --json --output FILE
    qemu-riscv64 IMAGE

K times each (interleaved, each pinned to one core with `taskset -c 0` when
available), checks that both exit 0 and that the VM's response bytes equal
qemu's stdout, and reports per program:

    steps        guest instructions retired (the VM's "steps")
    VM MIPS      steps / best VM wall time, timed by this script around the
                 whole process (includes start-up, ELF load and exit)
    VM self      the "mips" the VM itself reports (execution loop only)
    qemu MIPS    steps / best qemu wall time (qemu-user is a JIT; the same
                 guest retires the same instruction stream there)
    VM/qemu      VM MIPS / qemu MIPS

plus geometric means over the programs. --markdown prints a table for
docs/benchmarks.md.

Usage:
    python3 bench/vm_mips.py --vcc build/driver/vcc --guests build/guests \
        [--repeat 3] [--markdown] [--require-mips 400]

Exit status: 0 when every program ran and matched (and met --require-mips,
when given), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

PROGRAMS = ["matmul", "keccak", "sort", "mixed"]
DESCRIPTIONS = {
    "matmul": "int64 matrix multiply (i-k-j), repeated",
    "keccak": "keccak256 sponge over a chained 1 MiB buffer",
    "sort": "quicksort + merge sort + radix sort of 64-bit keys",
    "mixed": "linked list, state machine, int16 matrix, CRC16",
}


class BenchError(Exception):
    pass


@dataclass
class Result:
    name: str
    steps: int = 0
    vm_walls: list[float] = field(default_factory=list)
    vm_self_mips: list[float] = field(default_factory=list)
    vm_self_walls: list[float] = field(default_factory=list)
    qemu_walls: list[float] = field(default_factory=list)
    response_bytes: int = 0
    error: str | None = None

    @property
    def vm_wall(self) -> float:
        return min(self.vm_walls)

    @property
    def qemu_wall(self) -> float:
        return min(self.qemu_walls)

    @property
    def vm_mips(self) -> float:
        return self.steps / self.vm_wall / 1e6

    @property
    def vm_self(self) -> float:
        # The VM's own figure from its fastest run.
        return max(self.vm_self_mips)

    @property
    def qemu_mips(self) -> float:
        return self.steps / self.qemu_wall / 1e6

    @property
    def ratio(self) -> float:
        return self.vm_mips / self.qemu_mips


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def cpu_mhz() -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith("cpu mhz"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def timed_run(cmd: list[str], timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    return time.perf_counter() - start, proc


def parse_vm_json(stdout: bytes) -> dict:
    text = stdout.decode("utf-8", errors="replace").strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    # Tolerate extra lines around the object: take the last line that parses.
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    raise BenchError(f"vcc did not print a JSON object; stdout was: {text[:500]!r}")


def describe_failure(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", errors="replace").strip()
    return f"exit status {proc.returncode}" + (f"; stderr: {err[-800:]}" if err else "")


def run_vm(args, pin: list[str], image: str, out_path: str) -> tuple[float, dict, bytes]:
    if os.path.exists(out_path):
        os.unlink(out_path)
    cmd = pin + [args.vcc, "vm", "run", image, "--stats", "--json", "--output", out_path]
    if args.max_steps:
        cmd += ["--max-steps", str(args.max_steps)]
    wall, proc = timed_run(cmd, args.timeout)
    if proc.returncode != 0:
        raise BenchError(f"`{' '.join(cmd)}` failed: {describe_failure(proc)}")
    info = parse_vm_json(proc.stdout)
    status = info.get("status")
    if status != "exited":
        raise BenchError(f"VM run ended with status {status!r} (steps {info.get('steps')}): {info}")
    if info.get("exitCode") != 0:
        raise BenchError(f"guest exited with code {info.get('exitCode')} in the VM")
    for key in ("steps", "wallSeconds", "mips"):
        if key not in info:
            raise BenchError(f"VM JSON lacks {key!r}: {info}")
    try:
        with open(out_path, "rb") as f:
            response = f.read()
    except OSError as e:
        raise BenchError(f"VM wrote no response file {out_path}: {e}") from e
    return wall, info, response


def run_qemu(args, pin: list[str], image: str) -> tuple[float, bytes]:
    cmd = pin + [args.qemu, image]
    wall, proc = timed_run(cmd, args.timeout)
    if proc.returncode != 0:
        raise BenchError(f"`{' '.join(cmd)}` failed: {describe_failure(proc)}")
    return wall, proc.stdout


def first_difference(a: bytes, b: bytes) -> str:
    n = min(len(a), len(b))
    i = next((k for k in range(n) if a[k] != b[k]), n)
    return (f"lengths VM {len(a)} / qemu {len(b)}, first difference at byte {i}: "
            f"VM {a[max(0, i - 16):i + 48]!r} vs qemu {b[max(0, i - 16):i + 48]!r}")


def bench_program(args, pin: list[str], name: str, tmpdir: str) -> Result:
    res = Result(name)
    image = os.path.join(args.guests, f"vmbench-{name}.elf")
    if not os.path.isfile(image):
        res.error = f"image {image} not found (build the guest-vmbench-{name} target)"
        return res
    out_path = os.path.join(tmpdir, f"{name}.response")
    try:
        for k in range(args.repeat):
            wall, info, response = run_vm(args, pin, image, out_path)
            steps = int(info["steps"])
            if k == 0:
                res.steps = steps
            elif steps != res.steps:
                raise BenchError(f"non-deterministic step count: {res.steps} then {steps}")
            res.vm_walls.append(wall)
            res.vm_self_mips.append(float(info["mips"]))
            res.vm_self_walls.append(float(info["wallSeconds"]))

            qwall, qout = run_qemu(args, pin, image)
            res.qemu_walls.append(qwall)
            if response != qout:
                raise BenchError("VM response differs from qemu stdout: " + first_difference(response, qout) +
                                 f"; reproduce with `{args.vcc} vm run {image} --output vm.out` and "
                                 f"`{args.qemu} {image} > qemu.out`")
            res.response_bytes = len(response)
            if args.verbose:
                print(f"  {name} run {k + 1}: vm {wall:.3f}s (self {info['wallSeconds']:.3f}s, "
                      f"{info['mips']:.0f} MIPS), qemu {qwall:.3f}s", file=sys.stderr)
        if res.steps <= 0:
            raise BenchError("VM reported zero steps")
    except BenchError as e:
        res.error = str(e)
    except subprocess.TimeoutExpired as e:
        res.error = f"timed out after {args.timeout}s: {' '.join(map(str, e.cmd))}"
    return res


def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def print_text(results: list[Result], header: list[str]) -> None:
    for line in header:
        print(line)
    print()
    cols = f"{'program':<8} {'steps':>14} {'VM s':>8} {'VM MIPS':>8} {'VM self':>8} {'qemu s':>8} {'qemu MIPS':>9} {'VM/qemu':>8}"
    print(cols)
    print("-" * len(cols))
    ok = [r for r in results if r.error is None]
    for r in results:
        if r.error:
            print(f"{r.name:<8} FAILED: {r.error}")
            continue
        print(f"{r.name:<8} {r.steps:>14,} {r.vm_wall:>8.3f} {r.vm_mips:>8.1f} {r.vm_self:>8.1f} "
              f"{r.qemu_wall:>8.3f} {r.qemu_mips:>9.1f} {r.ratio:>8.3f}")
    if ok:
        print("-" * len(cols))
        print(f"{'geomean':<8} {'':>14} {'':>8} {geomean([r.vm_mips for r in ok]):>8.1f} "
              f"{geomean([r.vm_self for r in ok]):>8.1f} {'':>8} {geomean([r.qemu_mips for r in ok]):>9.1f} "
              f"{geomean([r.ratio for r in ok]):>8.3f}")


def print_markdown(results: list[Result], header: list[str]) -> None:
    for line in header:
        print(f"- {line}")
    print()
    print("| program | workload | instructions | VM wall (s) | VM MIPS | VM MIPS (self-reported) "
          "| qemu wall (s) | qemu MIPS | VM / qemu |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|")
    ok = [r for r in results if r.error is None]
    for r in results:
        if r.error:
            print(f"| {r.name} | {DESCRIPTIONS.get(r.name, '')} | failed: {r.error} | | | | | | |")
            continue
        print(f"| {r.name} | {DESCRIPTIONS.get(r.name, '')} | {r.steps:,} | {r.vm_wall:.3f} | {r.vm_mips:.0f} "
              f"| {r.vm_self:.0f} | {r.qemu_wall:.3f} | {r.qemu_mips:.0f} | {r.ratio:.3f} |")
    if ok:
        print(f"| **geomean** | | | | **{geomean([r.vm_mips for r in ok]):.0f}** "
              f"| {geomean([r.vm_self for r in ok]):.0f} | | {geomean([r.qemu_mips for r in ok]):.0f} "
              f"| {geomean([r.ratio for r in ok]):.3f} |")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--vcc", required=True, help="path to the vcc binary (<build>/driver/vcc)")
    p.add_argument("--guests", required=True, help="directory with vmbench-*.elf (<build>/guests)")
    p.add_argument("--repeat", "-k", type=int, default=3, help="runs per program; best wall time counts (default 3)")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table for docs/benchmarks.md")
    p.add_argument("--qemu", default="qemu-riscv64", help="qemu user-mode binary (default qemu-riscv64)")
    p.add_argument("--programs", default=",".join(PROGRAMS), help="comma-separated subset of " + ",".join(PROGRAMS))
    p.add_argument("--max-steps", type=int, default=0, help="pass --max-steps N to the VM (default: the VM's own limit)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per process before giving up (default 600)")
    p.add_argument("--no-pin", action="store_true", help="do not pin runs to core 0 with taskset")
    p.add_argument("--require-mips", type=float, default=0.0,
                   help="fail (exit 1) if any program's VM MIPS (script-timed) is below this")
    p.add_argument("--verbose", "-v", action="store_true", help="print every run to stderr")
    args = p.parse_args()

    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if not (os.path.isfile(args.vcc) and os.access(args.vcc, os.X_OK)):
        p.error(f"--vcc {args.vcc}: not an executable file")
    if shutil.which(args.qemu) is None:
        p.error(f"{args.qemu} not found on PATH")
    programs = [s.strip() for s in args.programs.split(",") if s.strip()]
    unknown = [s for s in programs if s not in PROGRAMS]
    if unknown:
        p.error(f"unknown programs: {', '.join(unknown)}")

    pin: list[str] = []
    if not args.no_pin and shutil.which("taskset"):
        pin = ["taskset", "-c", "0"]

    mhz = cpu_mhz()
    header = [
        f"CPU: {cpu_model()}" + (f" ({mhz} MHz, {os.cpu_count()} logical CPUs)" if mhz else f" ({os.cpu_count()} logical CPUs)"),
        f"Pinning: {'taskset -c 0' if pin else 'none'}; best of {args.repeat} runs per program, VM and qemu interleaved",
        f"qemu: {tool_version([args.qemu, '--version'])}",
        f"Kernel: {platform.system()} {platform.release()}",
        f"Date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
    ]

    results = []
    with tempfile.TemporaryDirectory(prefix="vm_mips.") as tmpdir:
        for name in programs:
            if args.verbose:
                print(f"running {name} ...", file=sys.stderr)
            results.append(bench_program(args, pin, name, tmpdir))

    (print_markdown if args.markdown else print_text)(results, header)

    failed = [r for r in results if r.error]
    slow = [r for r in results if not r.error and args.require_mips and r.vm_mips < args.require_mips]
    if slow:
        print(f"\nbelow --require-mips {args.require_mips:g}: " +
              ", ".join(f"{r.name} ({r.vm_mips:.1f})" for r in slow), file=sys.stderr)
    if failed:
        print(f"\nfailed: {', '.join(r.name for r in failed)}", file=sys.stderr)
    return 1 if failed or slow else 0


if __name__ == "__main__":
    sys.exit(main())
