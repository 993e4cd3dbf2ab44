#!/usr/bin/env python3
"""Differential test of vcc's RV64IM VM against qemu-riscv64.

Generates COUNT random programs with rvgen.py, builds each with clang-19,
runs it in `vcc vm run` and in qemu-riscv64, and compares the response bytes
(stdout) and exit codes. On a mismatch it prints the program's seed, the
path of its source and image, and the first differing register or data-region
byte, keeps the files, and the run exits 1.

  qemu_diff.py --vcc build/driver/vcc --count 150 --seed 1
  qemu_diff.py --vcc build/driver/vcc --count 5000 --seed 7 --jobs 2
  qemu_diff.py --vcc build/driver/vcc --only-seed 123456 --reduce

Program i of a run uses the seed printed on a mismatch; `rvgen.py --seed
THAT` regenerates it, `--only-seed THAT` reruns just it, and --reduce deletes
chunks of the failing program while the mismatch persists and writes the
smallest program found next to it.

The final line is `qemu-diff: N passed, M failed`.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rvgen  # noqa: E402

CLANG_FLAGS = ["--target=riscv64-unknown-elf", "-march=rv64im", "-mabi=lp64", "-mno-relax",
               "-nostdlib", "-static", "-fuse-ld=lld", "-Wl,--build-id=none"]
RUN_TIMEOUT = 60


def program_seed(run_seed, index):
    h = hashlib.sha256(b"vcc-qemu-diff:%d:%d" % (run_seed, index)).digest()
    return int.from_bytes(h[:6], "little")


def exit_status(rc):
    """subprocess return code -> shell-style exit status (signal n -> 128+n)."""
    return 128 - rc if rc < 0 else rc


def describe_rc(rc):
    if rc < 0:
        try:
            return "killed by %s" % signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit %d" % rc


class Runner:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.empty = os.path.join(workdir, "empty.in")
        with open(self.empty, "wb"):
            pass

    def build(self, text, stem):
        src = os.path.join(self.workdir, stem + ".S")
        elf = os.path.join(self.workdir, stem + ".elf")
        with open(src, "w") as f:
            f.write(text)
        p = subprocess.run([self.args.clang] + CLANG_FLAGS + [src, "-o", elf],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=RUN_TIMEOUT)
        if p.returncode != 0:
            return src, None, p.stdout.decode(errors="replace")
        return src, elf, None

    def run_qemu(self, elf):
        with open(self.empty, "rb") as stdin:
            try:
                p = subprocess.run([self.args.qemu, elf], stdin=stdin, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
            except subprocess.TimeoutExpired:
                return None, b"", b"timeout"
        return p.returncode, p.stdout, p.stderr

    def vcc_cmd(self, elf, extra=()):
        return [self.args.vcc, "vm", "run", elf, "--input", self.empty,
                "--max-steps", str(self.args.max_steps)] + list(extra)

    def run_vcc(self, elf):
        try:
            p = subprocess.run(self.vcc_cmd(elf), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, b"", b"timeout"
        return p.returncode, p.stdout, p.stderr

    def vcc_json(self, elf):
        try:
            p = subprocess.run(self.vcc_cmd(elf, ["--json", "--output", os.devnull]),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
            return json.loads(p.stdout.decode())
        except Exception as e:  # diagnostics only
            return {"error": str(e)}

    def compare(self, elf):
        """Returns None when the VM and qemu agree, else a dict describing the difference."""
        q_rc, q_out, q_err = self.run_qemu(elf)
        if self.args.vcc is None:
            if q_rc != 0 or len(q_out) != rvgen.ARENA_SIZE:
                return {"qemu": (q_rc, q_out, q_err), "vcc": None}
            return None
        v_rc, v_out, v_err = self.run_vcc(elf)
        if q_rc is not None and v_rc is not None and exit_status(q_rc) == v_rc and q_out == v_out \
                and q_rc == 0 and len(q_out) == rvgen.ARENA_SIZE:
            return None
        return {"qemu": (q_rc, q_out, q_err), "vcc": (v_rc, v_out, v_err)}


def first_difference(a, b):
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n if len(a) != len(b) else None


def locate(offset):
    if offset < rvgen.REGS_BYTES:
        reg = offset // 8 + 1
        return "register x%d (%s), byte %d" % (reg, rvgen.ABI[reg], offset % 8), offset - offset % 8
    if offset < rvgen.DATA_OFFSET:
        return "padding byte %d" % offset, offset - offset % 8
    d = offset - rvgen.DATA_OFFSET
    return "data region byte %d (arena offset %d, base%+d)" % (
        d, offset, offset - rvgen.BASE_OFFSET), offset - offset % 8


def report(seed, src, elf, diff, runner, reduced=False):
    lines = ["MISMATCH seed=%d%s" % (seed, " (reduced)" if reduced else ""),
             "  program: %s" % src, "  image:   %s" % elf]
    if not reduced:
        lines.append("  regenerate: %s --seed %d" % (
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "rvgen.py"), seed))
    q_rc, q_out, q_err = diff["qemu"]
    if diff["vcc"] is None:
        lines.append("  qemu alone: %s, %d bytes (expected exit 0 and %d bytes)%s" % (
            "timeout" if q_rc is None else describe_rc(q_rc), len(q_out), rvgen.ARENA_SIZE,
            ("; stderr: " + q_err.decode(errors="replace").strip()) if q_err else ""))
        return "\n".join(lines)
    v_rc, v_out, v_err = diff["vcc"]
    lines.append("  exit: qemu %s, vcc %s" % ("timeout" if q_rc is None else describe_rc(q_rc),
                                              "timeout" if v_rc is None else "exit %d" % v_rc))
    off = first_difference(q_out, v_out)
    if off is not None:
        where, start = locate(off)
        lines.append("  first difference at byte %d: %s (qemu %d bytes, vcc %d bytes)" % (
            off, where, len(q_out), len(v_out)))
        if start + 8 <= len(q_out) and start + 8 <= len(v_out):
            qv = struct.unpack_from("<Q", q_out, start)[0]
            vv = struct.unpack_from("<Q", v_out, start)[0]
            lines.append("    qemu 0x%016x  vcc 0x%016x" % (qv, vv))
        ndiff = sum(1 for i in range(min(len(q_out), len(v_out))) if q_out[i] != v_out[i])
        regs = sorted({i // 8 + 1 for i in range(min(len(q_out), len(v_out), rvgen.REGS_BYTES))
                       if q_out[i] != v_out[i]})
        lines.append("    %d differing bytes; differing registers: %s" % (
            ndiff, " ".join("x%d" % r for r in regs) or "none"))
    if v_err:
        lines.append("  vcc stderr: " + v_err.decode(errors="replace").strip()[:500])
    if v_rc is not None and v_rc >= 100:
        lines.append("  vcc --json: " + json.dumps(runner.vcc_json(elf)))
    return "\n".join(lines)


def reduce_program(runner, seed, size):
    """ddmin over the program's chunks, keeping those needed for the mismatch."""
    prog = rvgen.generate(seed, size)
    stem = "reduce_%d" % seed

    def fails(keep):
        src, elf, err = runner.build(prog.render(keep=set(keep)), stem)
        if elf is None:
            return False
        return runner.compare(elf) is not None

    keep = list(range(len(prog.chunks)))
    if not fails(keep):
        return None
    n = 2
    while len(keep) >= 2:
        size_ = max(1, len(keep) // n)
        parts = [keep[i:i + size_] for i in range(0, len(keep), size_)]
        reduced = False
        for part in parts:
            rest = [c for c in keep if c not in set(part)]
            if rest and fails(rest):
                keep, n, reduced = rest, max(n - 1, 2), True
                break
        if not reduced:
            if n >= len(keep):
                break
            n = min(len(keep), n * 2)
    # also try with no chunks at all (a prologue/epilogue problem)
    if fails([]):
        keep = []
    text = prog.render(keep=set(keep))
    path = os.path.join(runner.workdir, "reduced_%d.S" % seed)
    with open(path, "w") as f:
        f.write(text)
    src, elf, _ = runner.build(text, "reduced_%d" % seed)
    return path, elf, len(keep), len(prog.chunks)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vcc", help="path of the vcc command (omit with --qemu-only)")
    ap.add_argument("--qemu-only", action="store_true",
                    help="check only that the generated programs build and run cleanly in qemu")
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only-seed", type=int, action="append", default=[],
                    help="run just the program with this (per-program) seed; repeatable")
    ap.add_argument("--size", type=int, default=None, help="chunks per program (default: from the seed)")
    ap.add_argument("--workdir", help="directory for programs and images (default: a temp dir, removed if all pass)")
    ap.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 2))
    ap.add_argument("--qemu", default="qemu-riscv64")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--max-steps", type=int, default=10_000_000)
    ap.add_argument("--keep", action="store_true", help="keep the files of passing programs")
    ap.add_argument("--proof-tool", help="also prove and verify every step of each program with this tool")
    ap.add_argument("--max-failures", type=int, default=10, help="stop after this many failures")
    ap.add_argument("--reduce", action="store_true", help="reduce the first failing program")
    args = ap.parse_args()

    if args.qemu_only:
        args.vcc = None
    elif not args.vcc:
        ap.error("--vcc PATH is required (or --qemu-only)")
    elif not (os.path.isfile(args.vcc) and os.access(args.vcc, os.X_OK)):
        print("qemu-diff: vcc not found or not executable: %s" % args.vcc, file=sys.stderr)
        return 2
    for tool in (args.qemu, args.clang):
        if shutil.which(tool) is None:
            print("qemu-diff: %s not found" % tool, file=sys.stderr)
            return 2

    own_workdir = args.workdir is None
    if own_workdir:
        workdir = tempfile.mkdtemp(prefix="vcc-qemu-diff-")
    else:
        workdir = os.path.abspath(args.workdir)
        os.makedirs(workdir, exist_ok=True)
    runner = Runner(args, workdir)

    seeds = args.only_seed or [program_seed(args.seed, i) for i in range(args.count)]
    passed = failed = 0
    failures = []
    lock = threading.Lock()
    stop = threading.Event()

    def one(seed):
        if stop.is_set():
            return None
        stem = "p%d" % seed
        text = rvgen.generate(seed, args.size).render()
        src, elf, err = runner.build(text, stem)
        if elf is None:
            return seed, src, elf, "BUILD FAILED seed=%d %s\n%s" % (seed, src, err)
        diff = runner.compare(elf)
        if diff is None and args.proof_tool:
            # Every step of the program proved, verified from the proof alone
            # and compared with the interpreter (tests/vm/proof_check_tool.cpp).
            p = subprocess.run([args.proof_tool, elf, "--input", runner.empty], capture_output=True, timeout=600)
            if p.returncode != 0:
                return seed, src, elf, "PROOF MISMATCH seed=%d %s\n%s" % (
                    seed, elf, (p.stdout + p.stderr).decode(errors="replace")[-2000:])
        if diff is None:
            if not args.keep:
                for p in (src, elf):
                    try:
                        os.remove(p)
                    except OSError:
                        pass
            return seed, src, elf, None
        return seed, src, elf, report(seed, src, elf, diff, runner)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for result in pool.map(one, seeds):
            if result is None:
                continue
            seed, src, elf, problem = result
            with lock:
                if problem is None:
                    passed += 1
                else:
                    failed += 1
                    failures.append(seed)
                    print(problem, flush=True)
                    if failed >= args.max_failures:
                        stop.set()

    if failures and args.reduce and args.vcc is not None:
        seed = failures[0]
        print("reducing seed=%d ..." % seed, flush=True)
        r = reduce_program(runner, seed, args.size)
        if r is None:
            print("  could not reproduce the mismatch")
        else:
            path, elf, kept, total = r
            print("  reduced to %d of %d chunks: %s" % (kept, total, path))
            if elf:
                diff = runner.compare(elf)
                if diff is not None:
                    print(report(seed, path, elf, diff, runner, reduced=True))

    if own_workdir and failed == 0 and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elif failed:
        print("qemu-diff: files kept in %s" % workdir)
    print("qemu-diff: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
