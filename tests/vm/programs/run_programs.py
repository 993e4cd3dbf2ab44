#!/usr/bin/env python3
"""Runs the C/C++ guest programs of tests/vm/programs in vcc's VM and in
qemu-riscv64 and compares their response bytes (stdout) and exit codes.

  run_programs.py --vcc build/driver/vcc --qemu qemu-riscv64 --guests build/guests

Each case is a program (DIR/vmtest_NAME.elf, built by the guest-vmtest_NAME
target) and an input file from inputs/ (or an empty request). Besides the
VM-versus-qemu comparison, a case may check the exit status and a few
known-good strings in the output (test vectors), so that a fault shared by
both sides (the toolchain, the runtime) is noticed too; for the fd-2 program
the VM's stderr must contain what the guest wrote to fd 2 under qemu.

The final line is `programs: N passed, M failed`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "vmtest_"
TIMEOUT = 120

# Each case: program name, input (a file in inputs/, bytes, or None for an
# empty request), the expected outcome, strings the output must contain, and
# whether the VM's stderr must contain what the guest wrote to fd 2.
#   status=N      both exit with status N
#   trap=True     qemu dies of a signal, the VM traps (status 100); the
#                 output before the trap must match
#   vm_only=S     not run under qemu (qemu accepts it or never stops); the VM
#                 must end with status S (100 trapped, 101 out of steps)
def case(name, input=None, status=0, needles=(), stderr=False, trap=False, vm_only=None, max_steps=None):
    return dict(name=name, input=input, status=status, needles=list(needles), stderr=stderr, trap=trap,
                vm_only=vm_only, max_steps=max_steps)


CASES = [
    case("intmath", needles=["34! = 295232799039604140847618609643520000000",
                             "crc32(\"123456789\") = cbf43926",
                             "isqrt(2^64-1) = 4294967295",
                             "largest = 18446744073709551557"]),
    case("strings", needles=["ints sorted=1", "[   42|-42  |00042|beef|BEEF|10|z|str|tru] (42)"]),
    case("floats", needles=["sqrt(2)=1.4142135623730951", "pi ~ 3.14159265358979"]),
    case("recursion", needles=["queens: 6 -> 4, 8 -> 92", "fib(90) = 2880067194370816120",
                               "ackermann(2, 300) = 603, ackermann(3, 6) = 509", "merge sort ok=1"]),
    case("templates", needles=["primes<5000=669", "-8 -3 0 2 2 5 7 9", "total area2=190"]),
    case("transform", "text.txt", needles=["bytes=647 lines=9", "--end--"]),
    case("transform", "binary.bin", needles=["bytes=1276 ", "--end--"]),
    case("transform", None, needles=["bytes=0 lines=0", "fnv1a=cbf29ce484222325"]),
    case("keccak", "text.txt", needles=[
        "sha3-256  f758d5948cc5a74121594de88f1493809d8548a8afba01ee53c35b91d8fefc1d",
        "keccak256 c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        "sha3-256  a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
        "sha3-256  3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
        "keccak256 4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        "sha3-256  5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1"]),
    case("keccak", "binary.bin"),
    case("exitcode", None, status=42, needles=["exiting with 42"]),
    case("exitcode", "exit_300.txt", status=44, needles=["exiting with 300 (status 44)"]),
    case("exitcode", "exit_minus1.txt", status=255, needles=["exiting with -1 (status 255)"]),
    case("stderr_log", needles=["fib(60) = 1548008755920", "done"], stderr=True),
    case("selfmod", "selfmod_code.bin"),
    case("selfmod", None),
    case("traps", b"x"),
    case("traps", b"1", trap=True, needles=["about to trap"]),  # load from the null guard
    case("traps", b"2", trap=True),  # ebreak
    case("traps", b"3", trap=True),  # illegal instruction (all zeros)
    case("traps", b"4", trap=True),  # jump into the null guard
    case("traps", b"5", trap=True),  # store beyond 4 GiB
    case("traps", b"6", vm_only=100),  # fadd.d: no F/D in the VM
    case("traps", b"0", vm_only=101, max_steps=100000),  # spins until the step limit
]


def exit_status(rc):
    return 128 - rc if rc < 0 else rc


def first_difference(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else None


def excerpt(data, off):
    return repr(data[max(0, off - 20):off + 40])


def run(cmd, stdin_path):
    with open(stdin_path, "rb") as stdin:
        try:
            p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, b"", b"timeout"
    return p.returncode, p.stdout, p.stderr


def check(args, c, elf, inp):
    problems = []
    max_steps = c["max_steps"] or args.max_steps
    vcc_cmd = [args.vcc, "vm", "run", elf, "--input", inp, "--max-steps", str(max_steps)]
    if c["vm_only"] is not None:
        if args.qemu_only:
            return problems
        v_rc, v_out, v_err = run(vcc_cmd, os.devnull)
        if v_rc != c["vm_only"]:
            problems.append("vcc exit status %s, expected %d" % (v_rc, c["vm_only"]))
        return problems

    q_rc, q_out, q_err = run([args.qemu, elf], inp)
    if q_rc is None:
        problems.append("qemu timed out")
    elif c["trap"]:
        if q_rc >= 0:
            problems.append("qemu exited with %d, expected death by a signal" % q_rc)
    elif exit_status(q_rc) != c["status"]:
        problems.append("qemu exit status %d, expected %d" % (exit_status(q_rc), c["status"]))
    for s in c["needles"]:
        if s.encode() not in q_out:
            problems.append("qemu output lacks %r" % s)
    if args.qemu_only:
        return problems

    v_rc, v_out, v_err = run(vcc_cmd, os.devnull)
    want = 100 if c["trap"] else (exit_status(q_rc) if q_rc is not None else None)
    if v_rc is None:
        problems.append("vcc timed out")
    elif v_rc != want:
        problems.append("exit: qemu %s, vcc %d (want %s)%s" % (
            q_rc if q_rc is None or q_rc < 0 else exit_status(q_rc), v_rc, want,
            (" (vcc stderr: %s)" % v_err.decode(errors="replace").strip()[:300]) if v_err else ""))
    off = first_difference(q_out, v_out)
    if off is not None:
        problems.append("stdout differs at byte %d (qemu %d bytes, vcc %d bytes):\n"
                        "      qemu %s\n      vcc  %s" % (off, len(q_out), len(v_out),
                                                         excerpt(q_out, off), excerpt(v_out, off)))
    if c["stderr"] and q_err not in v_err:
        problems.append("vcc stderr does not contain the guest's fd-2 output %r" % q_err[:200])
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vcc", help="path of the vcc command (omit with --qemu-only)")
    ap.add_argument("--qemu", default="qemu-riscv64")
    ap.add_argument("--guests", required=True, help="directory holding vmtest_*.elf")
    ap.add_argument("--inputs", default=os.path.join(HERE, "inputs"))
    ap.add_argument("--max-steps", type=int, default=2_000_000_000)
    ap.add_argument("--qemu-only", action="store_true", help="check the programs under qemu alone")
    args = ap.parse_args()
    if not args.qemu_only:
        if not args.vcc:
            ap.error("--vcc PATH is required (or --qemu-only)")
        if not (os.path.isfile(args.vcc) and os.access(args.vcc, os.X_OK)):
            print("programs: vcc not found or not executable: %s" % args.vcc, file=sys.stderr)
            return 2
    if shutil.which(args.qemu) is None:
        print("programs: %s not found" % args.qemu, file=sys.stderr)
        return 2

    tmp = tempfile.mkdtemp(prefix="vcc-programs-")
    empty = os.path.join(tmp, "empty.in")
    open(empty, "wb").close()
    passed = failed = 0
    try:
        for k, c in enumerate(CASES):
            name, inp = c["name"], c["input"]
            if isinstance(inp, bytes):
                label = "%s < %r" % (name, inp)
                path = os.path.join(tmp, "input%d.bin" % k)
                with open(path, "wb") as f:
                    f.write(inp)
                inp = path
            elif inp:
                label = "%s < %s" % (name, inp)
                inp = os.path.join(args.inputs, inp)
            else:
                label = "%s < (empty)" % name
                inp = empty
            elf = os.path.join(args.guests, PREFIX + name + ".elf")
            problems = []
            if not os.path.isfile(elf):
                problems.append("image %s not built (target guest-%s%s)" % (elf, PREFIX, name))
            else:
                problems = check(args, c, elf, inp)
            if problems:
                failed += 1
                print("FAIL %s (%s)" % (label, elf))
                for p in problems:
                    print("    " + p)
            else:
                passed += 1
                print("ok   %s" % label)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("programs: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
