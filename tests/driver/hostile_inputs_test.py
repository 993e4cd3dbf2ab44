#!/usr/bin/env python3
"""Every vcc command against hostile inputs (docs/security.md): tampered
build directories and bundles, planted links, hostile sources, requests and
option values, guests that attack the host, commands under a memory limit.

Each check asserts the documented exit code, that no command died of a
signal, and, at the end, that nothing was written outside the intended
directories (a canary directory that planted links point into stays as it
was, and no PWNED file appears). One test per defect class of the issue
that introduced the trust boundary. Last line: 'hostile: N passed, M failed'."""
import argparse
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time

from check_support import check, summary

vcc = None
tmp = None
cwd = None  # every command runs here: a PWNED file would appear here
canary = None
canary_text = b"canary: must stay as it is\n"
sanitized = False


def vcc_run(*args, limit_mb=None, timeout=600, stdin=None):
    """Runs vcc (no shell) in `cwd`, optionally under RLIMIT_AS, and returns
    the CompletedProcess (bytes)."""
    def limit():
        if limit_mb is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))
    return subprocess.run([vcc] + [str(a) for a in args], cwd=cwd, capture_output=True, timeout=timeout,
                          input=stdin, preexec_fn=limit)


def text(r):
    return (r.stdout + r.stderr).decode(errors="replace")


def expect(name, r, code, message=None):
    """The command exited (no signal) with `code`, and said `message` when given."""
    ok = r.returncode == code and (message is None or message in text(r))
    return check(f"{name}: exit {code}" + (f" and '{message}'" if message else ""), ok,
                 f"exit {r.returncode}: {text(r)}")


def fresh_copy(base, name):
    path = os.path.join(tmp, name)
    shutil.copytree(base, path, symlinks=True)
    shutil.rmtree(os.path.join(path, ".vcc-work"), ignore_errors=True)
    return path


def edit_manifest(directory, change):
    path = os.path.join(directory, "manifest.json")
    with open(path) as f:
        manifest = json.load(f)
    change(manifest)
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)


def canary_intact():
    entries = sorted(os.listdir(canary))
    with open(os.path.join(canary, "target.txt"), "rb") as f:
        return entries == ["target.txt"] and f.read() == canary_text


MATMUL_ARGS = ["--method", "multiply", "--args", '[1, "0x3f800000", "0x40000000"]']


def shell_injection(base, have_qemu):
    d = fresh_copy(base, "inject")
    with open(os.path.join(d, "manifest.json")) as f:
        old = json.load(f)["vm"]["elf"]
    evil = "x';touch PWNED;'.elf"
    os.rename(os.path.join(d, old), os.path.join(d, evil))
    edit_manifest(d, lambda m: m["vm"].update(elf=evil))
    if have_qemu:
        r = vcc_run("verify-equiv", d, "--fuzz", "2", "--oracle", "qemu")
        expect("1 shell: qemu oracle on an image named with quotes runs no shell", r, 0)
    check("1 shell: no PWNED file", not os.path.exists(os.path.join(cwd, "PWNED")) and
          not os.path.exists(os.path.join(d, "PWNED")))
    d = fresh_copy(base, "slash")
    edit_manifest(d, lambda m: m["vm"].update(elf="../../etc/passwd"))
    expect("1 shell: a manifest naming a path is refused", vcc_run("hash", d), 1, "not a file name")


def unchecked_artifacts(base, source):
    d = fresh_copy(base, "script")
    with open(os.path.join(d, "manifest.json")) as f:
        native = json.load(f)["native"]["file"]
    script = os.path.join(d, native)
    with open(script, "w") as f:
        f.write(f"#!/bin/sh\ntouch {canary}/PWNED\n")
    os.chmod(script, 0o755)
    expect("2 artifacts: run refuses a replaced native binary", vcc_run("run", d, *MATMUL_ARGS), 1, "does not match")
    expect("2 artifacts: verify-equiv refuses it", vcc_run("verify-equiv", d, "--fuzz", "2"), 1, "does not match")
    expect("2 artifacts: hash refuses it", vcc_run("hash", d), 1, "does not match")
    check("2 artifacts: the script never ran", canary_intact())
    r = vcc_run("build", source, "-o", d, "--json")
    status = json.loads(r.stdout or b"{}").get("status") if r.returncode == 0 else None
    check("2 artifacts: build rebuilds (not 'up to date')", status == "built", text(r))
    expect("2 artifacts: hash after the rebuild", vcc_run("hash", d), 0)
    os.remove(script)
    expect("2 artifacts: hash without the native binary", vcc_run("hash", d), 2, "No such file")

    d = fresh_copy(base, "selector")
    edit_manifest(d, lambda m: m["methods"][0].update(selector="0xdeadbeef"))
    bundle = os.path.join(tmp, "selector-bundle")
    expect("2 artifacts: publish refuses a selector that is not keccak256 of the signature",
           vcc_run("publish", d, "--bundle", bundle), 1, "selector")
    check("2 artifacts: no bundle was written", not os.path.exists(bundle))
    d = fresh_copy(base, "programhash")
    edit_manifest(d, lambda m: m["vm"].update(programHash="0x" + "ab" * 32))
    expect("2 artifacts: publish refuses a programHash that is not the image's",
           vcc_run("publish", d, "--bundle", bundle), 1, "programHash")


def writes_outside(base, source):
    d = fresh_copy(base, "links")
    os.makedirs(os.path.join(d, ".vcc-work", "run"))
    target = os.path.join(canary, "target.txt")
    for planted in ["request.bin", "response.bin", "process-1.log"]:
        os.symlink(target, os.path.join(d, ".vcc-work", "run", planted))
    expect("3 writes: run with links planted in .vcc-work/run", vcc_run("run", d, *MATMUL_ARGS), 0)
    check("3 writes: the links' target is untouched", canary_intact())

    d = fresh_copy(base, "linked-work")
    os.makedirs(os.path.join(d, ".vcc-work"))
    os.symlink(canary, os.path.join(d, ".vcc-work", "run"))
    expect("3 writes: run with .vcc-work/run a link elsewhere", vcc_run("run", d, *MATMUL_ARGS), 2, "not a directory")
    os.makedirs(os.path.join(d, ".vcc-work", "verify"))
    os.symlink(canary, os.path.join(d, ".vcc-work", "verify", "tmp-AAAAAA"))
    expect("3 writes: verify-equiv next to a planted link", vcc_run("verify-equiv", d, "--fuzz", "2"), 0)
    check("3 writes: the linked directory is untouched", canary_intact())

    d = fresh_copy(base, "build-links")
    os.makedirs(os.path.join(d, ".vcc-work", "guest"))
    os.symlink(target, os.path.join(d, ".vcc-work", "native.d"))
    os.symlink(target, os.path.join(d, ".vcc-work", "matmul.dispatch.cpp"))
    os.symlink(canary, os.path.join(d, ".vcc-work", "guest", "objects"))
    os.remove(os.path.join(d, "manifest.json"))
    os.symlink(target, os.path.join(d, "manifest.json"))
    expect("3 writes: build into a directory with planted links", vcc_run("build", source, "-o", d, "--force"), 0)
    check("3 writes: build followed none of them", canary_intact() and not os.path.islink(os.path.join(d, "manifest.json")))

    bundle = os.path.join(tmp, "bundle-links")
    os.makedirs(bundle)
    os.symlink(target, os.path.join(bundle, "index.json"))
    expect("3 writes: publish over a planted index.json link", vcc_run("publish", base, "--bundle", bundle), 0)
    check("3 writes: index.json is a file now, the link's target untouched",
          not os.path.islink(os.path.join(bundle, "index.json")) and canary_intact())
    bundle = os.path.join(tmp, "bundle-blobs-link")
    os.makedirs(bundle)
    os.symlink(canary, os.path.join(bundle, "blobs"))
    expect("3 writes: publish with blobs/ a link elsewhere", vcc_run("publish", base, "--bundle", bundle), 2,
           "not a directory")
    check("3 writes: nothing written through blobs/", canary_intact())
    expect("3 writes: --bundle ''", vcc_run("publish", base, "--bundle", ""), 2, "empty path")
    expect("3 writes: build -o ''", vcc_run("build", os.path.join(tmp, "hostile.cpp"), "-o", ""), 2, "empty path")
    check("3 writes: nothing appeared in the current directory", os.listdir(cwd) == [])


def aborts(base, source):
    d = fresh_copy(base, "work-file")
    with open(os.path.join(d, ".vcc-work"), "w") as f:
        f.write("a file where a directory belongs")
    expect("4 aborts: build with .vcc-work a file", vcc_run("build", source, "-o", d), 2, ".vcc-work")
    expect("4 aborts: run with .vcc-work a file", vcc_run("run", d, *MATMUL_ARGS), 2, ".vcc-work")
    expect("4 aborts: verify-equiv with .vcc-work a file", vcc_run("verify-equiv", d, "--fuzz", "1"), 2, ".vcc-work")
    # A directory nobody can create, root included.
    expect("4 aborts: build into an uncreatable directory", vcc_run("build", source, "-o", "/proc/vcc-unwritable"), 2,
           "/proc/vcc-unwritable")
    expect("4 aborts: publish into an uncreatable directory", vcc_run("publish", base, "--bundle", "/proc/vcc-bundle"),
           2, "/proc/vcc-bundle")
    if os.geteuid() != 0:
        d = fresh_copy(base, "read-only")
        os.chmod(d, 0o555)
        expect("4 aborts: run in a read-only build directory", vcc_run("run", d, *MATMUL_ARGS), 2)
        os.chmod(d, 0o755)
    if sanitized:
        return  # the sanitizers reserve terabytes of address space
    # Each command under address-space limits from "barely starts" up: it
    # finishes or says what failed, never dies of a signal.
    commands = [
        ["hash", base], ["run", base] + MATMUL_ARGS, ["run", base, "--target", "vm"] + MATMUL_ARGS,
        ["verify-equiv", base, "--fuzz", "2"], ["publish", base, "--bundle", os.path.join(tmp, "limited-bundle")],
        ["vm", "run", os.path.join(base, "matmul.rv64.elf"), "--output", os.path.join(tmp, "limited.out")],
        ["vm", "hash", os.path.join(base, "matmul.rv64.elf")], ["check", source],
        ["build", source, "-o", os.path.join(tmp, "limited-build"), "--force"],
    ]
    for limit in [330, 360, 420, 1024]:
        for command in commands:
            r = vcc_run(*command, limit_mb=limit)
            said = r.returncode == 0 or "vcc" in text(r)
            check(f"4 aborts: vcc {command[0]} {command[1] if command[0] == 'vm' else ''} under ulimit -v {limit} MiB: "
                  f"no signal, exit 0/1/2 or a host limit, with a message",
                  r.returncode in (0, 1, 2, 102) and said, f"exit {r.returncode}: {text(r)[-600:]}")


def peak_rss_mb(command, seconds):
    """Runs vcc for at most `seconds` and returns (exit status, peak RSS in MiB, output)."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen([vcc] + [str(c) for c in command], cwd=cwd, stdout=output, stderr=output)
        deadline = time.monotonic() + seconds
        while True:  # os.wait4, not poll(): the child's own resource usage
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.1)
        process.returncode = 0  # reaped here; keeps Popen from waiting again
        output.seek(0)
        out = output.read()
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, out.decode(errors="replace")


def host_memory(base, guests):
    toucher = os.path.join(guests, "cli-page_toucher.elf")
    code, rss, out = peak_rss_mb(["vm", "run", toucher, "--max-memory", "64", "--json"], 120)
    report = json.loads(out[out.find("{"):out.rfind("}") + 1] or "{}")
    check("5 memory: a guest touching every page stops at --max-memory 64 (exit 102)",
          code == 102 and report.get("status") == "out-of-memory", out[-500:])
    # (Under the sanitizers, shadow memory and the quarantine add their own.)
    check(f"5 memory: host peak {rss:.0f} MiB within 64 MiB of pages + 200 MiB", sanitized or rss < 264, rss)
    code, rss, out = peak_rss_mb(["vm", "run", toucher, "--max-memory", "256", "--checkpoint-every", "100000",
                                  "--output", os.path.join(tmp, "toucher.out")], 300)
    check("5 memory: with --checkpoint-every too", code == 102, out[-500:])
    check(f"5 memory: with checkpoints, peak {rss:.0f} MiB within --max-memory + 640 MiB (docs/security.md)",
          sanitized or rss < 256 + 640, rss)
    code, rss, out = peak_rss_mb(["verify-equiv", base, "--fuzz", "4000000000"], 15)
    check(f"5 memory: verify-equiv --fuzz 4000000000 streams (peak {rss:.0f} MiB after 15 s)",
          sanitized or rss < 300, rss)


def up_to_date(source_dir):
    spaced = os.path.join(tmp, "dir with space")
    os.makedirs(os.path.join(spaced, "include dir"))
    header = os.path.join(spaced, "include dir", "constant.hpp")
    with open(header, "w") as f:
        f.write("inline constexpr unsigned long long kSalt = 1;\n")
    source = os.path.join(spaced, "salted.cpp")
    with open(source, "w") as f:
        f.write('#include <vcc/service.hpp>\n#include "constant.hpp"\n#include <cstdint>\n'
                "VCC_METHOD uint64_t salt(uint64_t x) { return x + kSalt; }\n")
    out = os.path.join(spaced, "out dir")

    def build_status():
        r = vcc_run("build", source, "-I", os.path.join(spaced, "include dir"), "-o", out, "--json")
        return json.loads(r.stdout).get("status") if r.returncode == 0 else f"failed: {text(r)}"
    check("6 up-to-date: first build", build_status() == "built")
    check("6 up-to-date: nothing changed", build_status() == "up-to-date")
    with open(header, "w") as f:
        f.write("inline constexpr unsigned long long kSalt = 2;\n")
    check("6 up-to-date: a header in a directory with a space changed", build_status() == "built")
    with open(os.path.join(out, "manifest.json")) as f:
        contract = json.load(f)["contract"]["file"]
    with open(os.path.join(out, contract), "a") as f:
        f.write("// edited\n")
    check("6 up-to-date: an output file changed", build_status() == "built")
    r = vcc_run("run", out, "--method", "salt", "--args", "[40]", "--target", "vm")
    check("6 up-to-date: the rebuilt image has the new header", r.returncode == 0 and "42" in text(r), text(r))


def wrong_claims(base):
    r = vcc_run("verify-equiv", base, "--fuzz", "2", "--backends", "cuda", "--json")
    offered = vcc_run("run", base, "--backend", "cuda", *MATMUL_ARGS)
    if offered.returncode == 0:
        check("7 claims: (a CUDA device is present; cuda is compared)", r.returncode == 0)
        return
    expect("7 claims: --backends cuda without a device is an error", r, 2, "offers only")
    check("7 claims: the report never says cuda was compared", b"compared" not in r.stdout, r.stdout)
    expect("7 claims: run --backend cuda without a device is an error", offered, 2, "not available")


def reserved_names():
    for name in ["Request", "UnknownProgram", "owner", "leave", "providers", "onlyOwner", "HostileService"]:
        source = os.path.join(tmp, "names", "hostile.cpp")
        os.makedirs(os.path.dirname(source), exist_ok=True)
        with open(source, "w") as f:
            f.write(f"#include <vcc/service.hpp>\n#include <cstdint>\nVCC_METHOD uint32_t {name}(uint32_t x) {{ return x; }}\n")
        expect(f"8 names: check rejects a method named {name}", vcc_run("check", source), 1,
               "declared by the generated service contract")
    expect("8 names: build rejects it too", vcc_run("build", source, "-o", os.path.join(tmp, "names-out")), 1,
           "declared by the generated service contract")


def wrong_layer():
    cases = {
        "has_include": ("#if __has_include(<sys/epoll.h>)\nconstexpr int k = 1;\n#else\nconstexpr int k = 2;\n#endif\n",
                        "vcc-no-target-conditionals"),
        "has_include_macro": ("#define HAVE_EPOLL __has_include(<sys/epoll.h>)\n#if HAVE_EPOLL\nconstexpr int k = 1;\n"
                              "#else\nconstexpr int k = 2;\n#endif\n", "vcc-no-target-conditionals"),
        "has_builtin": ("#if __has_builtin(__builtin_ia32_pause)\nconstexpr int k = 1;\n#else\nconstexpr int k = 2;\n"
                        "#endif\n", "vcc-no-target-conditionals"),
        "embed": ("constexpr unsigned char k[] = {\n#embed \"/etc/hostname\"\n};\n", "vcc-no-io"),
        "absolute_include": ("#include \"/etc/hostname.hpp\"\nconstexpr int k = 1;\n", None),
    }
    for name, (body, rule) in cases.items():
        source = os.path.join(tmp, "layer", f"{name}.cpp")
        os.makedirs(os.path.dirname(source), exist_ok=True)
        with open(source, "w") as f:
            f.write("#include <vcc/service.hpp>\n#include <cstdint>\n" + body +
                    "VCC_METHOD uint32_t get(uint32_t x) { return x + static_cast<uint32_t>(sizeof k); }\n")
        r = vcc_run("check", source)
        if rule:
            expect(f"9 layer: {name} is rejected", r, 1, rule)
        else:
            check(f"9 layer: {name} is rejected (missing file or rule)", r.returncode in (1, 2) and r.returncode >= 0,
                  text(r))
    hostname = os.path.join(tmp, "layer", "host.hpp")
    with open(hostname, "w") as f:
        f.write("constexpr int k = 1;\n")
    source = os.path.join(tmp, "layer", "absolute.cpp")
    with open(source, "w") as f:
        f.write(f'#include <vcc/service.hpp>\n#include <cstdint>\n#include "{hostname}"\n'
                "VCC_METHOD uint32_t get(uint32_t x) { return x + k; }\n")
    expect("9 layer: #include of an absolute path is rejected", vcc_run("check", source), 1, "absolute path")
    if sanitized:
        return
    bomb = os.path.join(tmp, "layer", "bomb.cpp")
    with open(bomb, "w") as f:
        f.write("#include <vcc/service.hpp>\n#include <cstdint>\n#define B0 1+\n")
        for level in range(1, 31):
            f.write(f"#define B{level} B{level - 1} B{level - 1}\n")
        f.write("VCC_METHOD uint32_t get(uint32_t x) { return x + B30 0; }\n")
    started = time.monotonic()
    r = vcc_run("check", bomb, limit_mb=2048, timeout=300)
    expect("9 layer: a macro of 2^31 tokens under ulimit -v 2 GiB", r, 2, "out of memory")
    print(f"     (the macro bomb failed after {time.monotonic() - started:.1f} s)")


def lenient_parsing(base, hostile_out):
    expect("10 parsing: --args with trailing text", vcc_run("run", base, "--method", "multiply", "--args",
                                                           '[1, "0x3f800000", "0x40000000"] x'), 2, "--args")
    d = fresh_copy(base, "duplicate-key")
    path = os.path.join(d, "manifest.json")
    with open(path) as f:
        manifest_text = f.read()
    with open(path, "w") as f:
        f.write(manifest_text.replace('"service":', '"service": "other",\n  "service":', 1))
    expect("10 parsing: a manifest with a duplicate key", vcc_run("hash", d), 2, "duplicate key")
    with open(path, "w") as f:
        f.write(manifest_text + "{}")
    expect("10 parsing: a manifest with trailing text", vcc_run("hash", d), 2, "manifest.json")
    big = os.path.join(tmp, "big.bin")
    with open(big, "wb") as f:
        f.truncate(300 << 20)  # sparse: refusing it must not read it
    started = time.monotonic()
    expect("10 parsing: a 300 MB --calldata file is refused", vcc_run("run", base, "--calldata", "@" + big), 2, "limit")
    check("10 parsing: ... before it is read", time.monotonic() - started < 5)
    if hostile_out:
        r = vcc_run("run", hostile_out, "--method", "echoString", "--args", '["0xc3ff80fe41"]', "--json")
        try:
            r.stdout.decode("utf-8")
            report = json.loads(r.stdout)
            valid = True
        except (UnicodeDecodeError, json.JSONDecodeError):
            valid, report = False, {}
        check("10 parsing: run --json prints valid UTF-8 for a string of invalid bytes",
              r.returncode == 0 and valid and report.get("response", "").startswith("0x"), r.stdout)


def exit_codes(base, source, hostile_out):
    expect("11 codes: --backends bogus", vcc_run("verify-equiv", base, "--fuzz", "1", "--backends", "bogus"), 2)
    expect("11 codes: check DIR", vcc_run("check", tmp), 2, "directory")
    dash = os.path.join(cwd, "-dash.cpp")
    shutil.copy(source, dash)
    r = vcc_run("check", "--", "-dash.cpp")
    os.remove(dash)
    expect("11 codes: check -- -dash.cpp reaches the frontend as a file, not clang as an option", r, 1,
           "service name '-dash'")
    expect("11 codes: -D ''", vcc_run("check", "-D", "", source), 2, "-D")
    image = os.path.join(base, "matmul.rv64.elf")
    r = vcc_run("vm", "run", image, "--max-steps", "0")
    expect("11 codes: --max-steps 0", r, 2, "whole number")
    check("11 codes: ... without a floating-point range", "1.79e308" not in text(r), text(r))
    expect("11 codes: --max-steps 2^64", vcc_run("vm", "run", image, "--max-steps", "18446744073709551616"), 2,
           "whole number")
    r = vcc_run("vm", "frobnicate")
    expect("11 codes: vm frobnicate", r, 2, "frobnicate")
    expect("11 codes: --store /nonexistent", vcc_run("run", base, "--store", "/nonexistent", *MATMUL_ARGS), 2,
           "nonexistent")
    if hostile_out:
        started = time.monotonic()
        r = vcc_run("run", hostile_out, "--method", "spin", "--args", "[18446744073709551615]", "--timeout", "1",
                    "--json")
        expect("11 codes: a native run past --timeout 1", r, 103, "time limit")
        check("11 codes: ... stopped within seconds", time.monotonic() - started < 30)
        r = vcc_run("verify-equiv", hostile_out, "--calldata", write_spin_request(hostile_out), "--timeout", "1",
                    "--max-steps", "1000000", "--json")
        expect("11 codes: verify-equiv with runs past their limits compares nothing and says so", r, 2, "host limit")


def write_spin_request(hostile_out):
    """spin(2^64 - 1) as a 0x-hex request file."""
    path = os.path.join(tmp, "spin.hex")
    with open(os.path.join(hostile_out, "manifest.json")) as f:
        selector = next(m["selector"] for m in json.load(f)["methods"] if m["name"] == "spin")
    with open(path, "w") as f:
        f.write(selector + "00" * 24 + "ff" * 8)
    return path


def hostile_proofs(base, guests):
    """12: one-step proof files and snapshots are untrusted input."""
    image = os.path.join(guests, "cli-echo.elf")
    request = os.path.join(tmp, "proof-request.bin")
    with open(request, "wb") as f:
        f.write(b"hello, proofs " * 150)  # about 1,500 steps of echo
    good = os.path.join(tmp, "good.proof")
    r = vcc_run("vm", "prove", image, "--input", request, "--step", "150", "-o", good)
    if not expect("12 proofs: prove step 150", r, 0):
        return
    expect("12 proofs: verify-step of it", vcc_run("vm", "verify-step", good), 0, "postStateRoot")
    data = open(good, "rb").read()
    cases = {
        "empty file": b"",
        "garbage": b"not a proof at all",
        "header only": data[:5],
        "format version 9": data[:4] + b"\x09" + data[5:],
        "cut in the pre-state": data[:300],
        "4 MB of zeros after the header": data[:5] + bytes(4 << 20),
    }
    for name, bytes_ in cases.items():
        path = os.path.join(tmp, "bad.proof")
        with open(path, "wb") as f:
            f.write(bytes_)
        expect(f"12 proofs: {name} is malformed", vcc_run("vm", "verify-step", path), 2)
    for name, change in {"a flipped record byte": (len(data) - 1, 0x01),
                         "a flipped pre-state layout version": (5, 0x03)}.items():
        tampered = bytearray(data)
        tampered[change[0]] ^= change[1]
        path = os.path.join(tmp, "tampered.proof")
        with open(path, "wb") as f:
            f.write(tampered)
        r = vcc_run("vm", "verify-step", path, "--json")
        expect(f"12 proofs: {name} is invalid", r, 1, "invalid proof")
        check(f"12 proofs: ... and --json says why", b'"valid":false' in r.stdout.replace(b" ", b""), r.stdout)
    expect("12 proofs: a directory", vcc_run("vm", "verify-step", tmp), 2)
    expect("12 proofs: /dev/zero", vcc_run("vm", "verify-step", "/dev/zero"), 2)
    expect("12 proofs: --step past the end is the fixed point", vcc_run(
        "vm", "prove", image, "--input", request, "--step", "99999999", "-o", os.path.join(tmp, "end.proof")), 0,
        "fixed point")
    snaps = os.path.join(tmp, "snaps")
    os.makedirs(snaps)
    with open(os.path.join(snaps, "100.vccsnap"), "wb") as f:
        f.write(b"VCCS\x01" + bytes(1000))
    with open(os.path.join(snaps, "120.vccsnap"), "wb") as f:
        f.write(b"garbage")
    r = vcc_run("vm", "prove", image, "--input", request, "--step", "150", "-o", os.path.join(tmp, "s.proof"),
                "--snapshots", snaps)
    expect("12 proofs: broken snapshots are skipped", r, 0, "from step 0")
    check("12 proofs: ... and the proof is the same", open(os.path.join(tmp, "s.proof"), "rb").read() == data)
    r = vcc_run("vm", "run", image, "--input", request, "--snapshot-every", "50", "--snapshot-dir", snaps,
                "--output", os.path.join(tmp, "echo.out"))
    expect("12 proofs: snapshots every 50 steps", r, 0)
    with open(os.path.join(snaps, "100.vccsnap"), "r+b") as f:
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
        f.seek(-1, os.SEEK_END)
        f.write(bytes([last[0] ^ 1]))
    r = vcc_run("vm", "prove", image, "--input", request, "--step", "150", "-o", os.path.join(tmp, "s.proof"),
                "--snapshots", snaps)
    expect("12 proofs: a snapshot at step 150 is used", r, 0, "snapshot at step 150")
    r = vcc_run("vm", "prove", image, "--input", request, "--step", "120", "-o", os.path.join(tmp, "s.proof"),
                "--snapshots", snaps)
    expect("12 proofs: a corrupted snapshot is exit 2, not a wrong proof", r, 2, "does not restore")
    r = vcc_run("vm", "prove", image, "--step", "120", "-o", os.path.join(tmp, "s.proof"), "--snapshots", snaps)
    expect("12 proofs: snapshots of another request are not used", r, 0, "from step 0")


def main():
    global vcc, tmp, cwd, canary, sanitized
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/matmul")
    parser.add_argument("--services", required=True)
    parser.add_argument("--guests", required=True)
    parser.add_argument("--sanitized", action="store_true")
    o = parser.parse_args()
    vcc, sanitized = os.path.abspath(o.vcc), o.sanitized
    o.sample, o.services, o.guests = (os.path.abspath(p) for p in (o.sample, o.services, o.guests))
    tmp = tempfile.mkdtemp(prefix="vcc-hostile-")
    cwd = os.path.join(tmp, "cwd")
    canary = os.path.join(tmp, "canary")
    os.makedirs(cwd)
    os.makedirs(canary)
    with open(os.path.join(canary, "target.txt"), "wb") as f:
        f.write(canary_text)

    source = os.path.join(o.sample, "matmul.cpp")
    base = os.path.join(tmp, "base")
    r = vcc_run("build", source, "-o", base)
    if not expect("build the matmul sample", r, 0):
        return summary("hostile")
    hostile_source = os.path.join(tmp, "hostile.cpp")
    shutil.copy(os.path.join(o.services, "hostile.cpp"), hostile_source)
    hostile_out = os.path.join(tmp, "hostile-out")
    r = vcc_run("build", hostile_source, "-o", hostile_out)
    if not expect("build services/hostile.cpp", r, 0):
        hostile_out = None

    # Reproducible: the same source builds to the same native binary and
    # image in another directory, from another current directory, so that a
    # provider can rebuild a downloaded service and compare (docs/security.md).
    elsewhere = os.path.join(tmp, "elsewhere")
    os.makedirs(elsewhere)
    again = subprocess.run([vcc, "build", source, "-o", os.path.join(tmp, "rebuilt here")], cwd=elsewhere,
                           capture_output=True)
    manifests = []
    for directory in [base, os.path.join(tmp, "rebuilt here")]:
        with open(os.path.join(directory, "manifest.json")) as f:
            manifests.append(json.load(f))
    check("reproducible: another output and current directory give the same native binary and image",
          again.returncode == 0 and manifests[0]["native"]["sha256"] == manifests[1]["native"]["sha256"] and
          manifests[0]["vm"]["programHash"] == manifests[1]["vm"]["programHash"], text(again))

    shell_injection(base, shutil.which("qemu-riscv64") is not None)
    unchecked_artifacts(base, source)
    writes_outside(base, source)
    aborts(base, source)
    host_memory(base, o.guests)
    up_to_date(o.sample)
    wrong_claims(base)
    reserved_names()
    wrong_layer()
    lenient_parsing(base, hostile_out)
    exit_codes(base, source, hostile_out)
    hostile_proofs(base, o.guests)

    check("no PWNED file anywhere", not any("PWNED" in files for _, _, files in os.walk(tmp)))
    check("the canary directory is as it was", canary_intact())
    check("nothing was written in the current directory", os.listdir(cwd) == [], os.listdir(cwd))
    status = summary("hostile")
    if status == 0:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
