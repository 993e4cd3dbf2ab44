#!/usr/bin/env python3
"""End to end: `vcc build` the matmul sample, then check what it promises.

- the outputs exist and `vcc hash` agrees with them (manifest vs files);
- a second build from a copy of the sources in another directory gives the
  same image bytes and programHash (reproducibility);
- `vcc verify-equiv` finds native and VM byte-identical on the corpus and
  on fuzzed calls, with qemu as a third oracle;
- the generated contract compiles with solc and its selectors equal the
  manifest's and ethers.js' (contract_check.mjs);
- copies of the sample with an injected nondeterministic construct are
  rejected with exit 1 and the right rule (frontend rules, and one that
  only the IR plugin sees);
- a rebuild with nothing changed is reported up to date.
Last line: 'e2e: N passed, M failed'."""
import argparse
import json
import os
import shutil
import sys
import tempfile

from check_support import check, run, summary




INJECTIONS = [
    ("rand", "#include <cstdlib>\n", "uint32_t noise() { return static_cast<uint32_t>(std::rand()); }\n", "vcc-no-random"),
    ("chrono", "#include <chrono>\n",
     "long long now() { return std::chrono::steady_clock::now().time_since_epoch().count(); }\n", "vcc-no-time"),
    ("expf", "#include <cmath>\n", "float grow(float x) { return std::exp(x) + expf(x); }\n", "vcc-no-libm-transcendental"),
    ("volatile", "", "volatile int flag = 0;\n", "vcc-no-volatile"),
    ("target-conditional", "", "#ifdef __CUDA_ARCH__\nint deviceOnly = 1;\n#endif\n", "vcc-no-target-conditionals"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--sample", required=True, help="samples/matmul")
    parser.add_argument("--node", default="node")
    parser.add_argument("--contract-js", required=True)
    o = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="vcc-e2e-")
    source = os.path.join(o.sample, "matmul.cpp")
    out = os.path.join(tmp, "out")

    r = run(o.vcc, "build", source, "-o", out)
    check("build: exit 0", r.returncode == 0, r.stderr)
    check("build: a progress line per stage", r.stderr.count("vcc: [") >= 4, r.stderr)
    names = ["matmul.native", "matmul.rv64.elf", "MatmulService.sol", "manifest.json"]
    check("build: all four outputs", all(os.path.exists(os.path.join(out, n)) for n in names), os.listdir(out) if os.path.isdir(out) else out)
    if r.returncode != 0:
        return summary("e2e") or 1
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    check("manifest: signatures", [m["signature"] for m in manifest["methods"]] ==
          ["multiply(uint32,bytes,bytes)", "traceBits(uint32,bytes,bytes)"], manifest["methods"])
    r = run(o.vcc, "hash", out, "--json")
    check("hash: files agree with the manifest", r.returncode == 0 and json.loads(r.stdout)["programHash"] == manifest["vm"]["programHash"], r.stderr)
    r = run(o.vcc, "vm", "hash", os.path.join(out, "matmul.rv64.elf"))
    check("vm hash of the image = manifest programHash", r.stdout.strip() == manifest["vm"]["programHash"], r.stdout)

    # Reproducibility: the same sources elsewhere, built into another directory.
    elsewhere = os.path.join(tmp, "somewhere", "else")
    shutil.copytree(o.sample, elsewhere)
    out2 = os.path.join(tmp, "second-output")
    r = run(o.vcc, "build", os.path.join(elsewhere, "matmul.cpp"), "-o", out2, "--json")
    check("second build: exit 0", r.returncode == 0, r.stderr)
    with open(os.path.join(out, "matmul.rv64.elf"), "rb") as a, open(os.path.join(out2, "matmul.rv64.elf"), "rb") as b:
        check("reproducible: identical image bytes from another directory", a.read() == b.read())
    check("reproducible: same programHash", r.returncode == 0 and json.loads(r.stdout)["programHash"] == manifest["vm"]["programHash"], r.stdout)

    r = run(o.vcc, "build", source, "-o", out)
    check("rebuild with nothing changed is up to date", r.returncode == 0 and "up to date" in r.stdout and "[2/4]" not in r.stderr, r.stdout + r.stderr)

    r = run(o.vcc, "verify-equiv", out, "--corpus", os.path.join(o.sample, "requests"), "--fuzz", "24", "--seed", "3",
            "--oracle", "qemu", "--json")
    report = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
    check("verify-equiv: byte-identical on corpus and fuzz (VM, native backends, qemu)",
          r.returncode == 0 and report.get("equivalent") is True and report.get("requests") == 36, r.stdout + r.stderr)

    A = "0x0000803f000000400000404000008040"  # 1 2 3 4 as little-endian float32
    B = "0x0000a0400000c0400000e04000000041"  # 5 6 7 8
    r = run(o.vcc, "run", out, "--method", "multiply", "--args", f'[2, "{A}", "{B}"]', "--target", "vm")
    check("run on the VM: [[19,22],[43,50]]", r.stdout.strip() == '"0x000098410000b04100002c4200004842"', r.stdout + r.stderr)
    r = run(o.vcc, "run", out, "--method", "multiply", "--args", f'[2, "{A}", "{B}"]', "--target", "native", "--backend", "serial")
    check("run natively: the same", r.stdout.strip() == '"0x000098410000b04100002c4200004842"', r.stdout + r.stderr)
    request_file = os.path.join(o.sample, "requests", "multiply-2x2.hex")
    r_plain = run(o.vcc, "run", out, "--calldata", "@" + request_file, "--target", "vm")
    r = run(o.vcc, "run", out, "--method", "multiply", "--calldata", "@" + request_file, "--target", "vm")
    check("run --method with --calldata @file (SPEC §1's form): the same result",
          r.returncode == 0 and r.stdout == r_plain.stdout and r.stdout.startswith('"0x'), r.stdout + r.stderr)
    r = run(o.vcc, "run", out, "--method", "traceBits", "--calldata", "@" + request_file, "--target", "vm")
    check("run --method naming another method than the calldata's selector: exit 2",
          r.returncode == 2 and "does not start with the selector of traceBits" in r.stderr, (r.returncode, r.stderr))
    r = run(o.vcc, "run", out, "--calldata", "0x7222f0d0ff", "--target", "vm")
    check("malformed calldata: a deterministic error result", "ShortInput" in r.stdout or "error" in r.stdout, r.stdout)

    expected = {"contract": "MatmulService", "methods": [
        {"signature": m["signature"], "selector": m["selector"], "programHash": m["programHash"]} for m in manifest["methods"]]}
    expected_path = os.path.join(tmp, "expected.json")
    with open(expected_path, "w") as f:
        json.dump(expected, f)
    r = run(o.node, os.path.join(o.contract_js, "contract_check.mjs"), os.path.join(out, "MatmulService.sol"), expected_path)
    check("contract compiles with solc; selectors = manifest = ethers", r.returncode == 0, r.stdout + r.stderr)

    with open(source) as f:
        original = f.read()
    for name, include, code, rule in INJECTIONS:
        bad_dir = os.path.join(tmp, "bad-" + name)
        shutil.copytree(o.sample, bad_dir)
        bad = os.path.join(bad_dir, "matmul.cpp")
        with open(bad, "w") as f:
            f.write(include + original + "\n" + code)
        r = run(o.vcc, "build", bad, "-o", os.path.join(tmp, "bad-out-" + name))
        check(f"injected {name}: build rejected (exit 1) with [{rule}]", r.returncode == 1 and f"[{rule}]" in r.stderr,
              (r.returncode, r.stderr))
        r = run(o.vcc, "check", bad)
        check(f"injected {name}: vcc check reports file:line:col [{rule}]",
              r.returncode == 1 and "matmul.cpp:" in r.stderr and f"[{rule}]" in r.stderr, (r.returncode, r.stderr))
    # What only the IR plugin sees (a pragma that turns contraction back on):
    # the frontend passes it, the compile for the image rejects it.
    ir_dir = os.path.join(tmp, "bad-contract")
    shutil.copytree(o.sample, ir_dir)
    with open(os.path.join(ir_dir, "matmul.cpp"), "w") as f:
        f.write(original + "\n#pragma clang fp contract(fast)\nfloat fused(float a, float b, float c) {\n  return a * b + c;\n}\n")
    return_line = original.count("\n") + (0 if original.endswith("\n") else 1) + 4
    r = run(o.vcc, "check", os.path.join(ir_dir, "matmul.cpp"))
    check("pragma fp contract(fast): the frontend passes it", r.returncode == 0, r.stderr)
    r = run(o.vcc, "build", os.path.join(ir_dir, "matmul.cpp"), "-o", os.path.join(tmp, "bad-out-contract"))
    check("pragma fp contract(fast): build rejected (exit 1) by the IR plugin [vcc-fast-math-flags]",
          r.returncode == 1 and "matmul.cpp:" in r.stderr and "[vcc-fast-math-flags]" in r.stderr, (r.returncode, r.stderr))
    check("pragma fp contract(fast): the IR plugin's error names the line of the multiply, not the function",
          f"matmul.cpp:{return_line}:" in r.stderr, r.stderr)
    r = run(o.vcc, "check", source)
    check("vcc check of the sample: clean", r.returncode == 0, r.stderr)
    r = run(o.vcc, "build", os.path.join(tmp, "missing.cpp"), "-o", os.path.join(tmp, "x"))
    check("missing source: exit 2", r.returncode == 2, r.returncode)

    return summary("e2e")


if __name__ == "__main__":
    sys.exit(main())
