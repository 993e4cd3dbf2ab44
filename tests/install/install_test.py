#!/usr/bin/env python3
"""vcc installed as a toolchain (docs/install.md): `cmake --install` into a
prefix that is then moved elsewhere, the installed vcc building a sample
copied outside the source tree (the same programHash as the build tree's
vcc) and verifying it; find_package(vcc) + vcc_add_service building
samples/imageproc as a CMake project; and the .deb from CPack, unpacked,
building a service with --fuzzer (the fuzzer objects come from the
package). Last line: 'install: N passed, M failed'."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "driver"))
from check_support import check, run, summary  # noqa: E402


def program_hash(out):
    with open(os.path.join(out, "manifest.json")) as f:
        return json.load(f)["vm"]["programHash"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--cpack", default="cpack")
    o = parser.parse_args()
    tree_vcc = os.path.join(o.build_dir, "driver", "vcc")
    samples = os.path.join(o.source_dir, "samples")
    with tempfile.TemporaryDirectory() as tmp:
        prefix, moved = os.path.join(tmp, "prefix"), os.path.join(tmp, "moved", "vcc")
        r = run(o.cmake, "--install", o.build_dir, "--prefix", prefix)
        check("cmake --install puts vcc, the headers, runtimes, guest runtime and plugin under the prefix",
              r.returncode == 0 and all(os.path.exists(os.path.join(prefix, p)) for p in
                                        ("bin/vcc", "include/vcc/service.hpp", "lib/vcc/VccIrChecks.so",
                                         "share/vcc/guest/vcc-rv64.ld", "share/vcc/src/guest_main.cpp",
                                         "lib/cmake/vcc/vccConfig.cmake", "share/vcc/layout")),
              r.stdout[-1000:] + r.stderr)
        os.makedirs(os.path.dirname(moved))
        shutil.move(prefix, moved)
        vcc = os.path.join(moved, "bin", "vcc")
        r = run(vcc, "--version")
        check("the moved installation finds its parts beside itself", r.returncode == 0 and
              f"parts: {moved} (installed)" in r.stdout, r.stdout + r.stderr)

        outside = os.path.join(tmp, "outside")
        os.makedirs(outside)
        shutil.copy(os.path.join(samples, "fhe", "fhe.cpp"), outside)
        r = subprocess.run([vcc, "build", "fhe.cpp", "-o", "out"], cwd=outside, capture_output=True, text=True)
        built = r.returncode == 0
        check("the installed vcc builds a service outside the source tree", built, r.stdout[-1500:] + r.stderr)
        r = run(tree_vcc, "build", os.path.join(outside, "fhe.cpp"), "-o", os.path.join(tmp, "tree-out"))
        check("... with the same programHash as the build tree's vcc",
              built and r.returncode == 0 and program_hash(os.path.join(outside, "out")) ==
              program_hash(os.path.join(tmp, "tree-out")), r.stderr[-800:])
        inline = os.path.join(tmp, "inline")
        os.makedirs(inline)
        for name in ("add", "scale", "multiply"):
            shutil.copy(os.path.join(samples, "fhe", "requests", f"{name}.hex"), inline)
        r = run(vcc, "verify-equiv", os.path.join(outside, "out"), "--corpus", inline, "--fuzz", "10", "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("the installed vcc's verify-equiv: native and VM byte-identical",
              r.returncode == 0 and report.get("mismatchCount") == 0, r.stdout[-800:] + r.stderr)

        # An existing CMake project: find_package(vcc), vcc_add_service.
        project = os.path.join(tmp, "imageproc-cmake")
        r = run(o.cmake, "-S", os.path.join(samples, "imageproc"), "-B", project, "-G", "Ninja",
                f"-DCMAKE_PREFIX_PATH={moved}")
        configured = r.returncode == 0
        check("find_package(vcc) configures samples/imageproc as a CMake project", configured, r.stdout + r.stderr)
        r = run(o.cmake, "--build", project, timeout=1200)
        out = os.path.join(project, "imageproc")
        check("cmake --build runs vcc_add_service: native binary, image, contract, manifest",
              configured and r.returncode == 0 and all(os.path.exists(os.path.join(out, f)) for f in
                                                       ("imageproc.native", "imageproc.rv64.elf", "manifest.json")),
              r.stdout[-1500:] + r.stderr)
        r = run(o.cmake, "--build", project)
        check("a second cmake --build with nothing changed: vcc build reuses its outputs",
              r.returncode == 0 and "up to date" in (r.stdout + r.stderr).lower(), r.stdout[-800:])
        r = run(vcc, "verify-equiv", out, "--corpus", os.path.join(samples, "imageproc", "requests"), "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check("the CMake-built service verifies (the edges requests stop with missing data on every target)",
              r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("missingData") == 2,
              r.stdout[-800:] + r.stderr)

        # The .deb: built by CPack, unpacked (not installed), used.
        packages = os.path.join(tmp, "packages")
        r = run(o.cpack, "-G", "DEB", "-B", packages, "--config", os.path.join(o.build_dir, "CPackConfig.cmake"),
                timeout=1200)
        debs = [f for f in os.listdir(packages) if f.endswith(".deb")] if os.path.isdir(packages) else []
        check("cpack -G DEB writes vcc's .deb", r.returncode == 0 and len(debs) == 1, r.stdout[-800:] + r.stderr)
        if debs:
            deb = os.path.join(packages, debs[0])
            r = run("dpkg-deb", "-f", deb, "Depends")
            check("the .deb depends on clang-19, lld-19 and the RISC-V picolibc",
                  all(p in r.stdout for p in ("clang-19", "lld-19", "picolibc-riscv64-unknown-elf")), r.stdout)
            root = os.path.join(tmp, "deb-root")
            r = run("dpkg-deb", "-x", deb, root)
            deb_vcc = os.path.join(root, "usr", "local", "bin", "vcc")
            r = run(deb_vcc, "build", os.path.join(outside, "fhe.cpp"), "-o", os.path.join(tmp, "deb-out"), "--fuzzer")
            check("the .deb's vcc (unpacked) builds a service with --fuzzer, from the package's parts alone",
                  r.returncode == 0 and os.path.exists(os.path.join(tmp, "deb-out", ".vcc-work", "fuzz", "fhe.fuzz")) and
                  program_hash(os.path.join(tmp, "deb-out")) == program_hash(os.path.join(tmp, "tree-out")),
                  r.stdout[-1500:] + r.stderr)
    return summary("install")


if __name__ == "__main__":
    sys.exit(main())
