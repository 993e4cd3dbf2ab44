#!/usr/bin/env python3
"""Per-sample figures (docs/benchmarks.md, "Samples"): for each sample, the
vcc build time, the image size, and for every request of its corpus the
native wall time (the build's native binary run directly, serial and
threads backends, median of --repeat runs, process start included), the
VM's steps and wall time (`vcc run --target vm`, which includes vcc's own
start: the 'vcc start' line), and the ratio VM/native; for tinygpt also
tokens per second natively and steps per token in the VM (generation of K
tokens against 1, so the prompt and the weights' loading cancel out).

  python3 bench/samples.py --vcc build/driver/vcc [--samples tinygpt,fhe] [--repeat 3]

Prints Markdown tables. Measure on a quiet machine: every figure is wall
time, and the native ones are dominated by process start for small
requests (the 'start' line: a request that returns at once)."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# sample: (source, the command that writes its data blob to {out}, or None)
SAMPLES = {
    "matmul": ("matmul.cpp", None),
    "search": ("search.cpp", ["python3", "make_index.py", "index", "{out}"]),
    "tinygpt": ("tinygpt.cpp", ["python3", "make_model.py", "model", "{out}"]),
    "explorer": ("explorer.cpp", ["node", "js/chain.mjs", "chain", "{out}"]),
    "imageproc": ("imageproc.cpp", ["python3", "make_image.py", "image", "{out}"]),
    "fhe": ("fhe.cpp", ["python3", "fhe.py", "vector", "{out}"]),
}


def timed(command, cwd=None):
    start = time.perf_counter()
    r = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    return time.perf_counter() - start, r


def run_json(vcc, build, request, store, *extra):
    seconds, r = timed([vcc, "run", build, "--calldata", "@" + request, "--json", *extra] +
                       (["--store", store] if store else []))
    if r.returncode != 0:
        raise SystemExit(f"vcc run {request} {' '.join(extra)} failed ({r.returncode}): {r.stderr[-500:]}")
    return seconds, json.loads(r.stdout)


def native_seconds(build, name, request, store, backend, repeat, tmp):
    raw = os.path.join(tmp, "request.bin")
    with open(request) as f:
        text = f.read().strip()
    with open(raw, "wb") as f:
        f.write(bytes.fromhex(text[2:] if text.startswith("0x") else text))
    command = [os.path.join(build, f"{name}.native"), "--backend", backend, "--input", raw, "--output", os.devnull]
    if store:
        command += ["--store", store]
    times = []
    for _ in range(repeat):
        seconds, r = timed(command)
        if r.returncode != 0:
            raise SystemExit(f"{name}.native {request} failed ({r.returncode}): {r.stderr[-500:]}")
        times.append(seconds)
    return statistics.median(times)


def measure(o, name, tmp, start):
    source, make = SAMPLES[name]
    folder = os.path.join(ROOT, "samples", name)
    build = os.path.join(tmp, name)
    seconds, r = timed([o.vcc, "build", os.path.join(folder, source), "-o", build])
    if r.returncode != 0:
        raise SystemExit(f"vcc build {name} failed: {r.stderr[-800:]}")
    image = os.path.getsize(os.path.join(build, f"{name}.rv64.elf"))
    store = None
    if make:
        blob = os.path.join(tmp, f"{name}.bin")
        r = subprocess.run([a.format(out=blob) for a in make], cwd=folder, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"making {name}'s data failed: {r.stderr[-800:]}")
        subprocess.run([o.vcc, "publish", build, "--bundle", os.path.join(tmp, f"{name}-bundle"), "--blob", blob],
                       check=True, capture_output=True)
        store = os.path.join(tmp, f"{name}-bundle", "blobs")
    print(f"\n### {name}: build {seconds:.1f} s, image {image:,} bytes\n")
    print("| request | native serial s | native threads s | VM steps | VM s | (VM s − vcc start) / native threads |")
    print("|---|--:|--:|--:|--:|--:|")
    requests = os.path.join(folder, "requests")
    for file in sorted(os.listdir(requests)):
        path = os.path.join(requests, file)
        native = {b: native_seconds(build, name, path, store, b, o.repeat, tmp) for b in ("serial", "threads")}
        vm_seconds, vm = run_json(o.vcc, build, path, store, "--target", "vm")
        print(f"| {file[:-4]} | {native['serial']:.4f} | {native['threads']:.4f} | {vm.get('steps', 0):,} | "
              f"{vm_seconds:.2f} | {max(vm_seconds - start, 0) / native['threads']:.1f} |")
    if name == "tinygpt":
        tokens(o, build, store)


def tokens(o, build, store):
    """Tokens per second natively (56 tokens against 1 after an 8-byte
    prompt), steps per token in the VM (8 against 1)."""
    root = json.load(open(os.path.join(ROOT, "samples", "tinygpt", "requests.json")))["dataRoot"]

    def generate(count, *extra):
        start = time.perf_counter()
        r = subprocess.run([o.vcc, "run", build, "--method", "generate", "--args", json.dumps([root, "The prog", count]),
                            "--store", store, "--json", *extra], capture_output=True, text=True, check=True)
        return time.perf_counter() - start, json.loads(r.stdout)

    print()
    for backend in ("serial", "threads"):
        one = statistics.median(generate(1, "--backend", backend)[0] for _ in range(o.repeat))
        many = statistics.median(generate(56, "--backend", backend)[0] for _ in range(o.repeat))
        print(f"- native {backend}: {55 / (many - one):.0f} tokens/s ({(many - one) / 55 * 1e3:.2f} ms per token; "
              f"generate 1: {one:.3f} s, 56: {many:.3f} s)")
    s1, one = generate(1, "--target", "vm")
    s8, eight = generate(8, "--target", "vm")
    per_token = (eight["steps"] - one["steps"]) / 7
    print(f"- VM: {per_token:,.0f} steps per token, {(s8 - s1) / 7:.2f} s per token "
          f"(generate 1: {one['steps']:,} steps {s1:.1f} s; 8: {eight['steps']:,} steps {s8:.1f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--samples", default=",".join(SAMPLES), help="comma-separated, from: " + ", ".join(SAMPLES))
    parser.add_argument("--repeat", type=int, default=3)
    o = parser.parse_args()
    o.vcc = os.path.abspath(o.vcc)
    start = statistics.median(timed([o.vcc, "--version"])[0] for _ in range(5))
    print(f"vcc start (vcc --version): {start:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for name in o.samples.split(","):
            if name not in SAMPLES:
                raise SystemExit(f"unknown sample {name!r}")
            measure(o, name, tmp, start)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
