#!/usr/bin/env python3
"""Runs a dual program (cmake/DualProgram.cmake) on one request with every
native backend and in vcc's VM, and checks that all give the same response
bytes and exit 0 (docs/kernels.md).

  dual_program_check.py --native build/.../NAME [--threads 1,2,3,7]
      [--cuda-native build/.../NAME-cuda [--cuda-only]]
      [--vcc build/driver/vcc --image build/images/NAME.rv64.elf]
      [--input FILE | --input-hex HEX] [--keep DIR]

Exit codes: 0 all agree, 1 a run failed or differs, 2 bad usage, 77 skipped
(--cuda-only without a CUDA device).
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def run(label, command, output_path, timeout):
    started = time.monotonic()
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"label": label, "error": f"timed out after {timeout} s", "command": command}
    seconds = time.monotonic() - started
    entry = {"label": label, "command": command, "code": result.returncode, "seconds": seconds,
             "stderr": result.stderr.decode(errors="replace")}
    if result.returncode != 0:
        entry["error"] = f"exit code {result.returncode}"
        return entry
    with open(output_path, "rb") as f:
        entry["response"] = f.read()
    return entry


def describe_difference(reference, other):
    a, b = reference["response"], other["response"]
    limit = min(len(a), len(b))
    first = next((i for i in range(limit) if a[i] != b[i]), limit)
    start = max(0, first - 8)
    lines = [f"{other['label']} differs from {reference['label']} at byte {first} "
             f"(lengths {len(b)} and {len(a)})",
             f"  {reference['label']:>16}: {a[start:first + 24].hex(' ')}",
             f"  {other['label']:>16}: {b[start:first + 24].hex(' ')}"]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--native", required=True, help="the native executable (serial and threads backends)")
    parser.add_argument("--threads", default="1,2,3,7", help="thread counts for the threads backend")
    parser.add_argument("--cuda-native", help="the NAME-cuda executable")
    parser.add_argument("--cuda-only", action="store_true",
                        help="compare only NAME-cuda --backend cuda with serial; skip (77) without a device")
    parser.add_argument("--vcc", help="the vcc command (for `vcc vm run`)")
    parser.add_argument("--image", help="the guest image NAME.rv64.elf")
    parser.add_argument("--input", help="the request file (default: an empty request)")
    parser.add_argument("--input-hex", help="the request as hex digits")
    parser.add_argument("--keep", help="keep every response in this directory")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    args = parser.parse_args()
    if bool(args.vcc) != bool(args.image):
        parser.error("--vcc and --image go together")
    if args.cuda_only and not args.cuda_native:
        parser.error("--cuda-only needs --cuda-native")
    try:
        thread_counts = [int(t) for t in args.threads.split(",") if t]
    except ValueError:
        parser.error(f"--threads: not a list of numbers: {args.threads}")

    work = args.keep or tempfile.mkdtemp(prefix="vcc-dual-")
    os.makedirs(work, exist_ok=True)
    try:
        return check(args, thread_counts, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def check(args, thread_counts, work):
    request = os.path.join(work, "request.bin")
    if args.input:
        with open(args.input, "rb") as src, open(request, "wb") as dst:
            dst.write(src.read())
    else:
        with open(request, "wb") as dst:
            dst.write(bytes.fromhex(args.input_hex or ""))

    configurations = []  # (label, command without --output)
    if args.cuda_only:
        listed = subprocess.run([args.cuda_native, "--list-backends"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        if listed.returncode != 0 or "cuda" not in listed.stdout.decode().split():
            print(f"skipped: no CUDA device here ({os.path.basename(args.cuda_native)} --list-backends)")
            return SKIP
        configurations.append(("serial", [args.native, "--backend", "serial"]))
        configurations.append(("cuda", [args.cuda_native, "--backend", "cuda"]))
    else:
        configurations.append(("serial", [args.native, "--backend", "serial"]))
        for count in thread_counts:
            configurations.append((f"threads-{count}", [args.native, "--backend", "threads", "--threads", str(count)]))
        if args.cuda_native:
            configurations.append(("nvcc-threads-3", [args.cuda_native, "--backend", "threads", "--threads", "3"]))
        if args.vcc:
            configurations.append(("vm", [args.vcc, "vm", "run", args.image]))

    results = []
    for label, command in configurations:
        output = os.path.join(work, f"response.{label}.bin")
        results.append(run(label, command + ["--input", request, "--output", output], output, args.timeout))

    failed = False
    reference = None
    for entry in results:
        if "error" in entry:
            failed = True
            print(f"FAIL {entry['label']}: {entry['error']}\n  command: {' '.join(entry['command'])}")
            if entry.get("stderr"):
                print("  stderr: " + entry["stderr"].strip().replace("\n", "\n          "))
            continue
        digest = hashlib.sha256(entry["response"]).hexdigest()[:16]
        print(f"{entry['label']:>16}: {len(entry['response'])} bytes, sha256 {digest}…, {entry['seconds']:.2f} s")
        if reference is None:
            reference = entry
        elif entry["response"] != reference["response"]:
            failed = True
            print("FAIL " + describe_difference(reference, entry))
    if failed:
        print(f"responses are in {work}" if args.keep else "rerun with --keep DIR to keep the responses")
        return 1
    print(f"OK: {len(results)} runs agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
