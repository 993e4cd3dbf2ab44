#!/usr/bin/env python3
"""Command-line tests of `vcc vm run`: exit codes (SPEC §1), streams, --json.

Each check runs the real executable on small guest images and prints one
line; the last line is 'cli: N passed, M failed'.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

checks_passed = 0
checks_failed = 0


def run(vcc, args, stdin=b""):
    return subprocess.run([vcc] + args, input=stdin, capture_output=True, timeout=60)


def check(name, condition, detail=""):
    global checks_passed, checks_failed
    if condition:
        checks_passed += 1
        print(f"ok   {name}")
    else:
        checks_failed += 1
        print(f"FAIL {name} {detail}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--guests", required=True)
    options = parser.parse_args()
    vcc = options.vcc
    guest = lambda name: os.path.join(options.guests, f"cli-{name}.elf")
    tmp = tempfile.mkdtemp(prefix="vcc-cli-")

    r = run(vcc, ["vm", "run", guest("exit_code")])
    check("guest exit code is propagated", r.returncode == 42, r)

    r = run(vcc, ["vm", "run", guest("echo"), "--input", "-"], stdin=b"hello, request bytes!" * 5)
    check("echo: exit 0", r.returncode == 0, r)
    check("echo: response on stdout", r.stdout == b"hello, request bytes!" * 5, r.stdout)
    check("echo: debug log on stderr", r.stderr == b"log\n", r.stderr)

    request = os.path.join(tmp, "request.bin")
    response = os.path.join(tmp, "response.bin")
    with open(request, "wb") as f:
        f.write(bytes(range(256)) * 3)
    r = run(vcc, ["vm", "run", guest("echo"), "--input", request, "--output", response])
    with open(response, "rb") as f:
        check("echo: --input/--output files", r.returncode == 0 and f.read() == bytes(range(256)) * 3)
    check("echo: nothing on stdout with --output", r.stdout == b"", r.stdout)

    r = run(vcc, ["vm", "run", guest("echo"), "--input", request, "--json"])
    report = json.loads(r.stdout)
    check("json: status exited", report.get("status") == "exited" and report.get("exitCode") == 0, report)
    check("json: response hex", report.get("response") == "0x" + (bytes(range(256)) * 3).hex())
    check("json: steps counted", isinstance(report.get("steps"), int) and report["steps"] > 100, report)

    r = run(vcc, ["vm", "run", guest("trap"), "--json"])
    report = json.loads(r.stdout)
    check("trap: exit code 100", r.returncode == 100, r)
    check("trap: kind and pc", report.get("trap", {}).get("kind") == "store-fault" and report["trap"]["value"] == "0x0", report)
    check("trap: the faulting store is a step", report.get("steps") == 2 and report["trap"]["step"] == 2, report)
    check("trap: message on stderr", b"store-fault" in r.stderr, r.stderr)

    r = run(vcc, ["vm", "run", guest("spin"), "--max-steps", "1000001", "--stats"])
    check("step limit: exit code 101", r.returncode == 101, r)
    check("step limit: stats on stderr", b"1000001 steps" in r.stderr, r.stderr)
    r = run(vcc, ["vm", "run", guest("spin"), "--max-steps", "777", "--json"])
    check("step limit: json", json.loads(r.stdout).get("status") == "out-of-steps" and json.loads(r.stdout)["steps"] == 777, r.stdout)

    bad = os.path.join(tmp, "bad.elf")
    with open(bad, "wb") as f:
        f.write(b"\x7fELF" + b"\0" * 10)
    r = run(vcc, ["vm", "run", bad])
    check("truncated ELF: exit 2 with message", r.returncode == 2 and b"shorter than an ELF64 header" in r.stderr, r)
    with open(guest("exit_code"), "rb") as f:
        image = bytearray(f.read())
    image[18] = 62  # EM_X86_64
    wrong = os.path.join(tmp, "x86.elf")
    with open(wrong, "wb") as f:
        f.write(image)
    r = run(vcc, ["vm", "run", wrong])
    check("wrong machine: exit 2", r.returncode == 2 and b"not RISC-V" in r.stderr, r)
    r = run(vcc, ["vm", "run", os.path.join(tmp, "missing.elf")])
    check("missing file: exit 2", r.returncode == 2 and b"No such file" in r.stderr, r)
    r = run(vcc, ["vm", "run", tmp])
    check("directory: exit 2", r.returncode == 2, r)
    r = run(vcc, ["vm", "run", guest("exit_code"), "--input", os.path.join(tmp, "missing.bin")])
    check("missing input: exit 2", r.returncode == 2, r)

    r = run(vcc, ["vm", "run"])
    check("no image: exit 2", r.returncode == 2, r)
    r = run(vcc, ["vm", "run", guest("exit_code"), "--max-steps", "-5"])
    check("bad --max-steps: exit 2", r.returncode == 2, r)
    r = run(vcc, ["vm", "run", guest("exit_code"), "--bogus"])
    check("unknown option: exit 2", r.returncode == 2, r)
    r = run(vcc, ["vm", "run", guest("exit_code"), "--json", "--output", "-"])
    check("--json with --output -: exit 2", r.returncode == 2, r)
    r = run(vcc, [])
    check("no subcommand: exit 2", r.returncode == 2, r)

    r = run(vcc, ["--help"])
    check("--help: exit 0 and lists vm", r.returncode == 0 and b"vm" in r.stdout, r)
    r = run(vcc, ["vm", "run", "--help"])
    check("vm run --help documents exit codes", r.returncode == 0 and b"101" in r.stdout and b"--max-steps" in r.stdout, r)

    print(f"cli: {checks_passed} passed, {checks_failed} failed")
    return 1 if checks_failed else 0


if __name__ == "__main__":
    sys.exit(main())
