#!/usr/bin/env python3
"""Native and VM are one machine: tests/driver/services/one_machine.cpp
exercises each class of behaviour that C++ leaves to the implementation or
to the target (standard library internals, division by zero, clz(0),
overlapping memcpy, uninitialized reads, NaN bits, out-of-bounds indices, a
bad comparator). Every request must give the same bytes natively (serial
and threads; the clang build and, when vcc has CUDA, the nvcc build) and
in the VM, or the same trap outcome (exit 100, no
response). Some results are also checked against the value vcc defines
(docs/passes.md, "Defined semantics"), so that agreement cannot come from
both sides doing nothing."""
import json
import os
import struct
import sys
import tempfile

from check_support import build_service, check, run, service_test_options, summary


def call(vcc, out, target, method, args, backend="threads"):
    command = [vcc, "run", out, "--method", method, "--args", json.dumps(args), "--target", target, "--json"]
    if target == "native":
        command += ["--backend", backend]
    r = run(*command)
    try:
        report = json.loads(r.stdout)
    except ValueError:
        return {"exitCode": r.returncode, "response": None, "error": r.stderr}
    return {"exitCode": report.get("exitCode"), "response": report.get("response"), "error": r.stderr}


# The nvcc build of the same service (vcc build --cuda), when this vcc has
# CUDA: its host code must behave as the image does too.
_cuda_out = []


def same_everywhere(vcc, out, name, method, args):
    """Runs on the VM, native serial and native threads (and the nvcc build's
    serial and threads when there is one); all must agree. Returns the VM's result."""
    vm = call(vcc, out, "vm", method, args)
    results = {"vm": vm}
    for backend in ("serial", "threads"):
        results[backend] = call(vcc, out, "native", method, args, backend)
        for cuda_out in _cuda_out:
            results["nvcc " + backend] = call(vcc, cuda_out, "native", method, args, backend)
    keys = {(r["exitCode"], r["response"]) for r in results.values()}
    check(f"{name}: native serial, threads{', nvcc' if _cuda_out else ''} and VM agree", len(keys) == 1, results)
    return vm


def check_one_library(binary):
    """No libstdc++ in a native binary: libc++ (std::__1) only, as in the image."""
    symbols = run("nm", binary).stdout
    libstdcxx = [line for line in symbols.splitlines() if "_ZNSt7__cxx11" in line or "GLIBCXX" in line]
    needed = run("readelf", "-d", binary).stdout
    check(f"{os.path.basename(os.path.dirname(binary))}: libc++ only (no libstdc++ symbol or library)",
          "_ZNSt3__1" in symbols and not libstdcxx and "libstdc++" not in needed, (libstdcxx[:5], needed))


def response_bytes(result):
    text = result["response"] or "0x"
    return bytes.fromhex(text[2:])


def abi_bytes(result):
    """The payload of an ABI-encoded `bytes` return value."""
    raw = response_bytes(result)
    if len(raw) < 64:
        return b""
    length = int.from_bytes(raw[32:64], "big")
    return raw[64:64 + length]


def hexs(data):
    return "0x" + data.hex()


def main():
    o = service_test_options()

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "one")
        if not build_service(o, "one_machine.cpp", out):
            return summary("one_machine")
        check_one_library(os.path.join(out, "one_machine.native"))
        cuda_out = os.path.join(tmp, "nvcc")
        if build_service(o, "one_machine.cpp", cuda_out, "--cuda"):
            with open(os.path.join(cuda_out, "manifest.json")) as f:
                if json.load(f)["toolchain"]["nvcc"] is not None:
                    _cuda_out.append(cuda_out)
                    check_one_library(os.path.join(cuda_out, "one_machine.native"))
                else:
                    print("skip the nvcc build's checks: vcc was configured without CUDA")

        vm = same_everywhere(o.vcc, out, "extra::namespaced(14)", "namespaced", [14])
        check("a method in a namespace builds and answers", response_bytes(vm)[-4:] == (42).to_bytes(4, "big"), vm)

        # The standard library: ties, hashes, growth.
        keys = bytes((i * 7) % 5 for i in range(200))
        for size in (17, 33, 200):
            vm = same_everywhere(o.vcc, out, f"sortTies({size})", "sortTies", [hexs(keys[:size])])
            order = struct.unpack(f"<{size}I", abi_bytes(vm))
            check(f"sortTies({size}) is a permutation sorted by key",
                  sorted(order) == list(range(size)) and
                  all(keys[order[i]] <= keys[order[i + 1]] for i in range(size - 1)), order)
            same_everywhere(o.vcc, out, f"heapTies({size})", "heapTies", [hexs(keys[:size])])
        for a, b in (("abc", "abd"), ("", "x"), ("zebra", "apple"), ("same", "same"), ("a" * 40, "b" * 3)):
            same_everywhere(o.vcc, out, f"containers({a[:8]!r}, {b[:8]!r})", "containers", [a, b])

        # Arithmetic C++ leaves undefined: RISC-V's answers everywhere.
        int64_min = -(1 << 63)
        cases = [(7, 0), (-7, 0), (int64_min, -1), (-(1 << 31), -1), (7, 2), (1 << 40, 33), (5, 64 + 3), (0, 0)]
        for a, b in cases:
            vm = same_everywhere(o.vcc, out, f"arithmetic({a}, {b})", "arithmetic", [a, b])
            if vm["exitCode"] == 0 and b == 0:
                q, r_, uq, ur, q32, r32, clz = struct.unpack("<qqQQiii", abi_bytes(vm)[:44])
                check(f"arithmetic({a}, 0): x/0 = -1, x%0 = x, clz(0) = 32",
                      q == -1 and r_ == a and uq == 2**64 - 1 and ur == a % 2**64 and q32 == -1 and clz == 32,
                      (q, r_, uq, ur, q32, r32, clz))
            if vm["exitCode"] == 0 and (a, b) == (int64_min, -1):
                q, r_ = struct.unpack("<qq", abi_bytes(vm)[:16])
                check("arithmetic(INT64_MIN, -1) = INT64_MIN, remainder 0", q == int64_min and r_ == 0, (q, r_))

        data = bytes(range(64))
        for shift in (1, 7, 31):
            vm = same_everywhere(o.vcc, out, f"overlapCopy(64, {shift})", "overlapCopy", [hexs(data), shift])
            expected = bytearray(data)
            expected[shift:] = bytes(expected[:64 - shift])
            expected[:64 - shift] = bytes(expected[shift // 2:shift // 2 + 64 - shift])
            check(f"overlapCopy(64, {shift}) has memmove's result", abi_bytes(vm) == bytes(expected))

        vm = same_everywhere(o.vcc, out, "uninitialized(3)", "uninitialized", [3])
        check("uninitialized(3): unwritten members read zero", abi_bytes(vm) == struct.pack("<qqd", 3, 0, 0.0),
              abi_bytes(vm).hex())

        inf = float("inf")
        values = [inf, inf, 0.0, -1.0, -inf, 0.0, float("nan")]
        vm = same_everywhere(o.vcc, out, "nanBits", "nanBits", [hexs(b"".join(struct.pack("<d", v) for v in values))])
        payload = abi_bytes(vm)
        words = [payload[i:i + 8] for i in range(0, len(payload), 8)]
        nan_doubles = {w for w in words if struct.unpack("<d", w)[0] != struct.unpack("<d", w)[0]}
        check("nanBits: every stored double NaN is 0x7ff8000000000000",
              nan_doubles <= {struct.pack("<Q", 0x7FF8000000000000)} and len(nan_doubles) == 1, nan_doubles)

        for i in (3, 8, 13, 20):
            vm = same_everywhere(o.vcc, out, f"outOfBounds({i})", "outOfBounds", [i])
            check(f"outOfBounds({i}) {'traps' if i >= 8 else 'returns'}", (vm["exitCode"] == 100) == (i >= 8), vm)

        # Frames of ~330 counted bytes: 10000 fit the 4 MiB budget, 20000 do not
        # (and 100000 would overflow the native 8 MiB stack and not the VM's).
        for depth, traps in ((10000, False), (20000, True), (100000, True)):
            vm = same_everywhere(o.vcc, out, f"recurse({depth})", "recurse", [depth])
            check(f"recurse({depth}) {'traps (stack budget)' if traps else 'returns'}",
                  (vm["exitCode"] == 100) == traps, vm)

        for n in (1, 100, 4095):
            vm = same_everywhere(o.vcc, out, f"reusedMemory({n})", "reusedMemory", [n])
            check(f"reusedMemory({n}): reused blocks read zero", set(abi_bytes(vm)) <= {0} and abi_bytes(vm), vm)
        for chunk in (256 << 20, 300 << 20, 1 << 30):
            vm = same_everywhere(o.vcc, out, f"allocateUntilFull({chunk >> 20} MiB)", "allocateUntilFull", [chunk])
            check(f"allocateUntilFull({chunk >> 20} MiB): out of memory (exit 70) after the 2 GiB heap is full",
                  vm["exitCode"] == 70, vm)

        bad = bytes((i * 3) % 4 for i in range(100))
        same_everywhere(o.vcc, out, "badComparator(100)", "badComparator", [hexs(bad)])
        same_everywhere(o.vcc, out, "badComparator(12)", "badComparator", [hexs(bad[:12])])

    return summary("one_machine")


if __name__ == "__main__":
    sys.exit(main())
