#!/usr/bin/env python3
"""`vcc build` of services with the nvcc build, the PTX scan and the IR
plugin's rewrites in every compile (docs/cli.md, docs/passes.md).

- tests/driver/services/conversions.cpp (casts of NaN and out-of-range
  doubles, fmin/fmax of signed zeros, a cast in a kernel) gives the same
  bytes natively and in the VM on edge values: the IR plugin's rewrites
  reach the RISC-V image and the host half of the nvcc build;
- with nvcc: the manifest records nvcc, its flags and the architectures,
  the binary carries the device code (.nv_fatbin), --no-cuda builds a
  threads/serial binary, and nvcc options that put approximate or
  contractible instructions into the PTX (--nvcc-flag=-ftz=true,
  -fmad=true) get the build rejected by the PTX scan with exit 1.
Last line: 'cuda_build: N passed, M failed'; exit 77 (skipped) is not used:
without nvcc the nvcc checks are reported as skipped and the rest runs."""
import argparse
import json
import os
import shutil
import struct
import sys
import tempfile

from check_support import check, run, summary




EDGE_VALUES = [float("nan"), -float("nan"), float("inf"), -float("inf"), 1e30, -1e30, 2.0**31, -2.0**31 - 1,
               2.0**32, 2.0**63, 2.0**64, -1.0, -0.5, 0.0, -0.0, 4294967295.5, 5e-324, -7.75, 123456789.9]


def abi_bytes_call(selector_hex, payload):
    """calldata of f(bytes payload)"""
    padded = payload + b"\0" * (-len(payload) % 32)
    return bytes.fromhex(selector_hex[2:]) + (32).to_bytes(32, "big") + len(payload).to_bytes(32, "big") + padded


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--services", required=True, help="tests/driver/services")
    parser.add_argument("--matmul", required=True, help="samples/matmul/matmul.cpp")
    parser.add_argument("--expect-cuda", choices=["yes", "no"], required=True,
                        help="whether this vcc was configured with CUDA")
    o = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="vcc-cuda-build-")
    source = os.path.join(o.services, "conversions.cpp")
    out = os.path.join(tmp, "out")
    cuda = o.expect_cuda == "yes"

    r = run(o.vcc, "build", source, "-o", out, "--cuda")
    check("build: exit 0", r.returncode == 0, r.stderr)
    if r.returncode != 0:
        return summary("cuda_build") or 1
    check("build: the native stage names its backends",
          ("nvcc: cuda, threads and serial backends" if cuda else "(threads and serial backends)") in r.stderr, r.stderr)
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)

    # Edge values, one request per method, and each value alone.
    requests = os.path.join(tmp, "requests")
    os.makedirs(requests)
    payload_all = b"".join(struct.pack("<d", v) for v in EDGE_VALUES)
    payload_all += struct.pack("<Q", 0x7ff0000000000001) + struct.pack("<Q", 0xfff8000000000123)  # more NaNs
    files = []
    for method in manifest["methods"]:
        for index, payload in enumerate([payload_all] + [struct.pack("<d", v) for v in EDGE_VALUES]):
            path = os.path.join(requests, f"{method['name']}-{index}.bin")
            with open(path, "wb") as f:
                f.write(abi_bytes_call(method["selector"], payload))
            files.append(path)
    r = run(o.vcc, "verify-equiv", out, "--corpus", requests, "--fuzz", "40", "--seed", "11", "--json")
    report = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
    check("verify-equiv: casts and fmin/fmax identical natively and in the VM",
          r.returncode == 0 and report.get("equivalent") is True and report.get("requests") == len(files) + 40,
          r.stdout + r.stderr)
    check("verify-equiv: reports the cuda backend's state",
          report.get("cudaBackend") in (("compared", "no device") if cuda else ("not built",)), report)

    # The values themselves: saturating casts, NaN -> 0, -0 < +0.
    r = run(o.vcc, "run", out, "--calldata", "0x" + abi_bytes_call(manifest["methods"][0]["selector"],
            struct.pack("<d", float("nan")) + struct.pack("<d", 1e30) + struct.pack("<d", 0.0) +
            struct.pack("<d", -0.0)).hex(), "--target", "vm")
    printed = r.stdout.strip().strip('"')
    raw = bytes.fromhex(printed[2:]) if printed.startswith("0x") else b""
    blocks = [raw[40 * i:40 * (i + 1)] for i in range(4)] if len(raw) == 160 else []
    expected_ok = len(blocks) == 4 and \
        struct.unpack("<iIqQ", blocks[0][:24]) == (0, 0, 0, 0) and \
        struct.unpack("<iIqQ", blocks[1][:24]) == (2**31 - 1, 2**32 - 1, 2**63 - 1, 2**64 - 1) and \
        blocks[2][24:32] == struct.pack("<d", -0.0) and blocks[3][32:40] == struct.pack("<d", 0.0)
    check("vm: NaN casts to 0, 1e30 saturates, fmin(+0,-0) = -0, fmax(-0,+0) = +0", expected_ok, r.stdout + r.stderr)

    native = os.path.join(out, "conversions.native")
    sections = run("readelf", "-S", "-W", native).stdout
    if not cuda:
        check("without CUDA: manifest nvcc null", manifest["toolchain"]["nvcc"] is None, manifest["toolchain"])
        check("without CUDA: no device code in the binary", ".nv_fatbin" not in sections)
        print("skip nvcc checks: vcc was configured without CUDA")
        return summary("cuda_build")

    check("manifest: nvcc release line", "release" in (manifest["toolchain"]["nvcc"] or ""), manifest["toolchain"])
    check("manifest: nvcc's determinism flags",
          all(f in manifest["toolchain"]["flags"]["cuda"] for f in ["-fmad=false", "-prec-div=true", "-prec-sqrt=true", "-ftz=false"]),
          manifest["toolchain"]["flags"])
    archs = manifest["native"]["cudaArchitectures"] or []
    check("manifest: cuda architectures", len(archs) >= 1 and all(a.startswith("sm_") for a in archs), archs)
    check("binary: carries device code (.nv_fatbin)", ".nv_fatbin" in sections, sections[-2000:])
    ptx = sorted(os.listdir(os.path.join(out, ".vcc-work", "cuda")))
    check("one scanned PTX file per architecture", len(ptx) == len(archs) and all(p.endswith(".ptx") for p in ptx), ptx)

    out_plain = os.path.join(tmp, "no-cuda")
    r = run(o.vcc, "build", source, "-o", out_plain, "--no-cuda", "--json")
    with open(os.path.join(out_plain, "manifest.json")) as f:
        plain = json.load(f)
    check("--no-cuda: a threads/serial binary, same programHash",
          r.returncode == 0 and plain["toolchain"]["nvcc"] is None and plain["native"]["cudaArchitectures"] is None
          and plain["vm"]["programHash"] == manifest["vm"]["programHash"], r.stderr)
    r = run(o.vcc, "build", source, "-o", out, "--cuda")
    check("rebuild: up to date", r.returncode == 0 and "up to date" in r.stdout, r.stdout + r.stderr)
    r = run(o.vcc, "build", source, "-o", out, "--no-cuda")
    check("rebuild with --no-cuda: not up to date (the option is part of the key)",
          r.returncode == 0 and "up to date" not in r.stdout, r.stdout + r.stderr)

    # nvcc options that let approximate or contractible code into the PTX:
    # the scan rejects the build before anything is linked.
    for flag, rule in [("-ftz=true", "[ptx-flush-to-zero]"), ("-fmad=true", "[ptx-contractible]")]:
        bad_out = os.path.join(tmp, "bad" + flag)
        r = run(o.vcc, "build", o.matmul, "-o", bad_out, "--cuda", "--nvcc-flag=" + flag)
        check(f"--nvcc-flag={flag}: rejected (exit 1) by the PTX scan {rule}",
              r.returncode == 1 and rule in r.stderr and ".ptx:" in r.stderr
              and not os.path.exists(os.path.join(bad_out, "matmul.native")), (r.returncode, r.stderr[-1500:]))
    # fmin in a kernel: fine on the CPU and in the VM (canonicalized), but PTX
    # min.f64 orders signed zeros by operand position.
    minmax_dir = os.path.join(tmp, "minmax")
    os.makedirs(minmax_dir)
    with open(source) as f:
        original = f.read()
    with open(os.path.join(minmax_dir, "conversions.cpp"), "w") as f:
        f.write(original + """
VCC_METHOD vcc::bytes minInKernel(vcc::bytes doubles) {
  const size_t n = doubles.size() / sizeof(double);
  vcc::Buffer<double> values(n);
  std::memcpy(values.host().data(), doubles.data(), n * sizeof(double));
  double* data = values.view().data();
  vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { data[i] = std::fmin(data[i], -0.0); });
  vcc::bytes out(n * sizeof(double));
  std::memcpy(out.data(), values.chost().data(), out.size());
  return out;
}
""")
    r = run(o.vcc, "check", os.path.join(minmax_dir, "conversions.cpp"))
    check("std::fmin in a kernel: the frontend accepts it", r.returncode == 0, r.stderr)
    r = run(o.vcc, "build", os.path.join(minmax_dir, "conversions.cpp"), "-o", os.path.join(tmp, "minmax-out"), "--cuda")
    check("std::fmin in a kernel: rejected (exit 1) by the PTX scan [ptx-float-minmax]",
          r.returncode == 1 and "[ptx-float-minmax]" in r.stderr, (r.returncode, r.stderr[-1500:]))
    r = run(o.vcc, "build", os.path.join(minmax_dir, "conversions.cpp"), "-o", os.path.join(tmp, "minmax-plain"),
            "--no-cuda")
    check("std::fmin in a kernel with --no-cuda: builds (rewritten for the CPU and the VM)", r.returncode == 0, r.stderr)

    # -use_fast_math only sets what vcc's explicit flags already set: the PTX
    # stays clean, and the PTX, not the flag, decides.
    r = run(o.vcc, "build", o.matmul, "-o", os.path.join(tmp, "fast"), "--cuda", "--nvcc-flag=-use_fast_math")
    check("--nvcc-flag=-use_fast_math: vcc's explicit -ftz/-fmad/-prec flags win, the PTX is clean",
          r.returncode == 0, r.stderr[-1500:])
    r = run(o.vcc, "build", o.matmul, "-o", os.path.join(tmp, "regs"), "--cuda", "--nvcc-flag=-maxrregcount=64", "--json")
    with open(os.path.join(tmp, "regs", "manifest.json")) as f:
        regs = json.load(f)
    check("--nvcc-flag=-maxrregcount=64: builds, recorded in toolchain.flags.cuda",
          r.returncode == 0 and regs["toolchain"]["flags"]["cuda"][-1] == "-maxrregcount=64", r.stderr)

    return summary("cuda_build")


if __name__ == "__main__":
    sys.exit(main())
