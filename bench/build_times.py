#!/usr/bin/env python3
"""How long `vcc build` takes, against a peer in the same run: one plain
`clang++-19 -O2 -c` of the same generated glue (what any native build of
the service costs at least).

Measures, best of --repeat: a full build with the cuda backend (nvcc, when
vcc has it), a full build with --no-cuda, a rebuild with nothing changed,
and the peer compile. Prints a markdown table with the ratios to the peer."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def timed(command):
    start = time.perf_counter()
    r = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{r.stderr}")
    return elapsed


def best(repeat, command):
    return min(timed(command) for _ in range(repeat))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--source", default="samples/matmul/matmul.cpp")
    parser.add_argument("--stdlib", default="stdlib/include")
    parser.add_argument("--repeat", type=int, default=3)
    o = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="vcc-build-bench-")
    out = os.path.join(tmp, "out")
    plain = os.path.join(tmp, "plain")
    cuda = best(o.repeat, [o.vcc, "build", o.source, "-o", out, "--force"])
    no_cuda = best(o.repeat, [o.vcc, "build", o.source, "-o", plain, "--force", "--no-cuda"])
    rebuild = best(o.repeat, [o.vcc, "build", o.source, "-o", out])
    name = os.path.splitext(os.path.basename(o.source))[0]
    glue = os.path.join(plain, ".vcc-work", name + ".dispatch.cpp")
    peer = best(o.repeat, ["clang++-19", "-std=c++20", "-O2", "-I" + os.path.dirname(os.path.abspath(o.source)),
                           "-I" + o.stdlib, "-c", glue, "-o", os.path.join(tmp, "peer.o")])
    with open(os.path.join(out, "manifest.json")) as f:
        has_cuda = '"nvcc": null' not in f.read()
    print(f"| step ({name}, best of {o.repeat}) | seconds | × plain clang++ -c |")
    print("|---|---|---|")
    label = "vcc build, cuda backend (nvcc, 3 architectures)" if has_cuda else "vcc build (no nvcc here)"
    for what, seconds in [(label, cuda), ("vcc build --no-cuda", no_cuda),
                          ("vcc build, nothing changed", rebuild), ("peer: clang++-19 -O2 -c of the glue", peer)]:
        print(f"| {what} | {seconds:.2f} | {seconds / peer:.2f} |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
