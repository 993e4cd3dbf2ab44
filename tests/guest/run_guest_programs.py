#!/usr/bin/env python3
"""Runs the guest runtime's test programs in vcc's VM and in qemu-riscv64.

For every case of one program (--program), both runs must agree exactly
(response bytes, debug log, exit code, or a breakpoint trap in the VM where
qemu dies of SIGTRAP), and the outcome must be the expected one: exit code
or trap, stdout (a file in --expected or bytes given here), and a pattern
for the debug log. Exits 77 (skipped) when qemu-riscv64 is not installed.
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Optional


@dataclass
class Case:
    name: str
    request: bytes = b""
    exit_code: Optional[int] = 0   # None: the run must end in a breakpoint trap
    stdout: Optional[bytes] = None  # None: compare with expected/<program>.txt
    stderr: str = r"\A\Z"           # a regular expression the debug log must match fully


def request_body(size: int) -> bytes:
    """Deterministic bytes; sizes below are deliberately not multiples of 32."""
    return bytes((i * 7 + 3) % 251 for i in range(size))


BODY = request_body(1001)


def trap(name: str, choice: str, message: str) -> Case:
    return Case(name, request=choice.encode(), exit_code=None,
                stdout=f"before failure '{choice}'\n".encode(), stderr=message)


CASES = {
    "stl": [Case("stl")],
    "floats": [Case("floats")],
    "printf": [Case("printf")],
    "alloc": [Case("alloc")],
    "oom": [Case("oom", exit_code=70,
                 stderr=re.escape("vcc: out of memory (allocating 67108864 bytes)\n"))],
    "static_init": [Case("static_init", exit_code=7)],
    "traps": [
        trap("abort", "a", re.escape("vcc: abort() called\n")),
        trap("assert", "s", r"traps\.cpp:\d+: int main\(\): assertion `two == 3' failed\n"),
        trap("pure-virtual", "p", re.escape("vcc: pure virtual function called\n")),
        trap("vector-at", "v", re.escape(
            'out_of_range was thrown in -fno-exceptions mode with message "vector"\n')),
        trap("optional-value", "o", re.escape(
            "bad_optional_access was thrown in -fno-exceptions mode\n")),
        trap("variant-get", "n", re.escape(
            "bad_variant_access was thrown in -fno-exceptions mode\n")),
        trap("stoi", "i", re.escape('invalid_argument was thrown in -fno-exceptions mode '
                                    'with message "stoi: no conversion"\n')),
        trap("recursive-static", "r", re.escape(
            "vcc: recursive initialization of a function-local static\n")),
        Case("no-failure", request=b"x", stdout=b"before failure 'x'\nno failure\n"),
    ],
    "request_io": [
        Case("reverse", request=b"r" + BODY, stdout=(b"r" + BODY)[::-1],
             stderr=re.escape("mode r, 1002 bytes\n")),
        Case("printf-and-direct", request=b"p" + BODY,
             stdout=b"mode p, 1002 bytes\n" + BODY + b"|direct||after|\n",
             stderr=re.escape("mode p, 1002 bytes\n")),
        Case("posix-write", request=b"w" + BODY, stdout=BODY,
             stderr=re.escape("mode w, 1002 bytes\n")),
        Case("large", request=b"r" + request_body(100000), stdout=(b"r" + request_body(100000))[::-1],
             stderr=re.escape("mode r, 100001 bytes\n")),
        Case("empty", exit_code=3, stdout=b"", stderr=re.escape("empty request\n")),
    ],
    "stdin_echo": [
        Case("lines", request=b"hello World\nsecond line\n\xc3\xa9 third",
             exit_code=2, stdout=b"HELLO WORLD\nSECOND LINE\n\xc3\xa9 THIRD",
             stderr=re.escape("2 lines\n")),
    ],
}

# What `vcc vm run` adds to stderr after the guest's debug log.
VCC_STATUS_LINE = re.compile(rb"vcc: (guest trapped|step limit reached)[^\n]*\n\Z")
# What qemu adds to stderr when the guest dies of a signal.
QEMU_SIGNAL_LINE = re.compile(rb"qemu: uncaught target signal[^\n]*\n\Z")


@dataclass
class Outcome:
    stdout: bytes
    stderr: bytes
    exit_code: Optional[int]  # None when trapped (VM) / killed by SIGTRAP (qemu)
    detail: str


def run_vm(vcc: str, image: str, request_file: str) -> Outcome:
    done = subprocess.run([vcc, "vm", "run", image, "--input", request_file, "--json"],
                          capture_output=True, timeout=100)
    report = json.loads(done.stdout)
    stderr = VCC_STATUS_LINE.sub(b"", done.stderr)
    response = bytes.fromhex(report.get("response", "0x")[2:])
    if report["status"] == "exited":
        return Outcome(response, stderr, report["exitCode"], "exited")
    if report["status"] == "trapped" and report["trap"]["kind"] == "breakpoint":
        return Outcome(response, stderr, None, "breakpoint trap")
    return Outcome(response, stderr, -1, json.dumps(report))


def no_core_dumps() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_qemu(qemu: str, image: str, request_file: str) -> Outcome:
    # A trapping guest is a crashing process for qemu: no core files, please.
    with open(request_file, "rb") as request:
        done = subprocess.run([qemu, image], stdin=request, capture_output=True, timeout=100,
                              cwd=os.path.dirname(request_file), preexec_fn=no_core_dumps)
    stderr = QEMU_SIGNAL_LINE.sub(b"", done.stderr)
    if done.returncode == -signal.SIGTRAP:
        return Outcome(done.stdout, stderr, None, "SIGTRAP")
    if done.returncode < 0:
        return Outcome(done.stdout, stderr, -1, f"signal {-done.returncode}")
    return Outcome(done.stdout, stderr, done.returncode, "exited")


def check(program: str, case: Case, args, qemu: str, scratch: str) -> list:
    image = os.path.abspath(os.path.join(args.images, f"runtime-{program}.rv64.elf"))
    request_file = os.path.join(scratch, f"{case.name}.request")
    with open(request_file, "wb") as out:
        out.write(case.request)
    vm = run_vm(args.vcc, image, request_file)
    emulated = run_qemu(qemu, image, request_file)
    problems = []

    # The VM and qemu agree.
    if vm.stdout != emulated.stdout:
        problems.append(f"response differs: vm {vm.stdout[:200]!r} qemu {emulated.stdout[:200]!r}")
    if vm.stderr != emulated.stderr:
        problems.append(f"debug log differs: vm {vm.stderr[:300]!r} qemu {emulated.stderr[:300]!r}")
    if vm.exit_code != emulated.exit_code:
        problems.append(f"end differs: vm {vm.detail} {vm.exit_code}, "
                        f"qemu {emulated.detail} {emulated.exit_code}")

    # The outcome is the expected one.
    if vm.exit_code != case.exit_code:
        want = "a breakpoint trap" if case.exit_code is None else f"exit {case.exit_code}"
        problems.append(f"expected {want}, vm: {vm.detail} {vm.exit_code}")
    expected_stdout = case.stdout
    golden_file = os.path.join(args.expected, f"{program}.txt")
    if expected_stdout is None and args.update:
        with open(golden_file, "wb") as golden:
            golden.write(vm.stdout)
    if expected_stdout is None:
        with open(golden_file, "rb") as golden:
            expected_stdout = golden.read()
    if vm.stdout != expected_stdout:
        problems.append("stdout differs from the expected output:\n" +
                        vm.stdout.decode(errors="replace"))
    if not re.fullmatch(case.stderr, vm.stderr.decode(errors="replace"), re.DOTALL):
        problems.append(f"debug log {vm.stderr.decode(errors='replace')!r} "
                        f"does not match {case.stderr!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--images", required=True, help="directory of the .rv64.elf images")
    parser.add_argument("--expected", required=True, help="directory of expected stdout files")
    parser.add_argument("--program", required=True, choices=sorted(CASES))
    parser.add_argument("--qemu", default="qemu-riscv64")
    parser.add_argument("--update", action="store_true",
                        help="rewrite expected/<program>.txt from the VM's output")
    args = parser.parse_args()
    qemu = shutil.which(args.qemu)
    if not qemu:
        print(f"SKIP: {args.qemu} not found", file=sys.stderr)
        return 77
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for case in CASES[args.program]:
            problems = check(args.program, case, args, qemu, scratch)
            status = "ok" if not problems else "FAILED"
            print(f"{args.program}/{case.name}: {status}")
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "))
            failures += bool(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
