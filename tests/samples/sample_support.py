"""What every sample's end-to-end test does the same way, as a service
author would: vcc build, the data blob made by the sample's script and
bundled by vcc publish --blob, verify-equiv over the corpus and fuzzed
calls with the bundle as the data store, the --cuda build answering as the
CPU build, vcc hash, and a store without the blob. Each check goes through
check_support.check, so the test's summary line counts it."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "driver"))
from check_support import check, run  # noqa: E402


def has_nvcc():
    return any(os.access(os.path.join(d, "nvcc"), os.X_OK)
               for d in os.environ.get("PATH", "").split(os.pathsep) + ["/usr/local/cuda/bin"])


def decode_bytes(response):
    """A response holding one `bytes` value."""
    words = [int.from_bytes(response[i:i + 32], "big") for i in range(0, len(response), 32)]
    start, length = words[0], words[words[0] // 32]
    return response[start + 32:start + 32 + length]


class Sample:
    """samples/NAME built into TMP/out, its blob bundled into TMP/bundle."""

    def __init__(self, vcc, folder, tmp):
        self.vcc, self.folder, self.tmp = vcc, folder, tmp
        self.name = os.path.basename(os.path.normpath(folder))
        self.source = os.path.join(folder, f"{self.name}.cpp")
        self.requests = os.path.join(folder, "requests")
        self.out = os.path.join(tmp, "out")
        self.store = None

    def request(self, name):
        return os.path.join(self.requests, f"{name}.hex")

    def build(self):
        r = run(self.vcc, "build", self.source, "-o", self.out)
        return check(f"vcc build samples/{self.name}/{self.name}.cpp", r.returncode == 0, r.stdout + r.stderr)

    def publish(self, make_command, blob_name, expected_root, what):
        """Runs make_command + [BLOB], bundles the blob, checks that its data
        root is the one the committed corpus names; returns the blob's path."""
        blob = os.path.join(self.tmp, blob_name)
        r = run(*make_command, blob)
        check(f"the sample's script writes the {what}", r.returncode == 0 and os.path.exists(blob), r.stderr[-800:])
        r = run(self.vcc, "publish", self.out, "--bundle", os.path.join(self.tmp, "bundle"), "--blob", blob, "--json")
        published = json.loads(r.stdout) if r.returncode == 0 else {}
        roots = [b["dataRoot"] for b in published.get("blobs", []) if b.get("role") == "data"]
        check(f"vcc publish --blob bundles the {what}; the committed corpus names its data root (the script is "
              f"deterministic)", roots == [expected_root], (roots, expected_root, r.stderr[-800:]))
        self.store = os.path.join(self.tmp, "bundle", "blobs")
        return blob

    def verify(self, corpus_size, fuzz, seed, methods, per_method):
        """verify-equiv over the corpus and `fuzz` fuzzed calls with the store."""
        r = run(self.vcc, "verify-equiv", self.out, "--corpus", self.requests, "--store", self.store, "--fuzz",
                str(fuzz), "--seed", str(seed), "--json", timeout=1800)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check(f"verify-equiv: the corpus and {fuzz} fuzzed calls byte-identical on every target, every one compared",
              r.returncode == 0 and report.get("mismatchCount") == 0 and report.get("inconclusiveCount") == 0 and
              report.get("requests") == fuzz + corpus_size, r.stdout[-1500:] + r.stderr)
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("verify-equiv: every method got requests", len(counts) == methods and
              min(counts.values(), default=0) >= per_method, counts)

    def verify_with_qemu(self, names):
        """verify-equiv --oracle qemu over the named requests (those that read
        no blob: qemu-riscv64 has no data oracle)."""
        folder = os.path.join(self.tmp, "qemu-corpus")
        os.makedirs(folder, exist_ok=True)
        for name in names:
            with open(self.request(name)) as f, open(os.path.join(folder, f"{name}.hex"), "w") as g:
                g.write(f.read())
        r = run(self.vcc, "verify-equiv", self.out, "--corpus", folder, "--oracle", "qemu", "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        check(f"verify-equiv --oracle qemu over the {len(names)} requests that read no blob: equal on qemu too",
              r.returncode == 0 and report.get("mismatchCount") == 0 and "qemu" in report.get("targets", ""),
              r.stdout[-1500:] + r.stderr)

    def answer(self, name, build=None, target="native"):
        """The response bytes to a corpus request, or None if the run failed."""
        r = run(self.vcc, "run", build or self.out, "--calldata", "@" + self.request(name), "--store", self.store,
                "--target", target, "--json", timeout=1800)
        result = json.loads(r.stdout) if r.stdout.strip() else {}
        return bytes.fromhex(result["response"][2:]) if r.returncode == 0 and "response" in result else None

    def check_cuda_build(self, names, kernels=True):
        """vcc build --cuda (nvcc; its PTX kept and scanned when the sample
        has kernels); without a device it runs on the CPU backends and must
        answer every named request as the CPU build does."""
        cuda_out = os.path.join(self.tmp, "out-cuda")
        r = run(self.vcc, "build", self.source, "-o", cuda_out, "--cuda")
        work = os.path.join(cuda_out, ".vcc-work", "cuda")
        ptx = os.listdir(work) if os.path.isdir(work) else []
        check("vcc build --cuda: builds" + (", and with nvcc present its PTX was kept and scanned" if kernels else ""),
              r.returncode == 0 and (not kernels or not has_nvcc() or any(f.endswith(".ptx") for f in ptx)),
              r.stdout[-800:] + r.stderr)
        differ = [n for n in names if self.answer(n, cuda_out) != self.answer(n)]
        check("the --cuda build answers every corpus request as the CPU build does", not differ, differ)

    def check_hash_and_missing_data(self, name):
        """vcc hash, and the named request against a store without the blob."""
        r = run(self.vcc, "hash", self.out)
        check("vcc hash prints the program hashes", r.returncode == 0 and "0x" in r.stdout, r.stdout + r.stderr)
        empty = os.path.join(self.tmp, "empty-store")
        os.makedirs(empty, exist_ok=True)
        for target in ("vm", "native"):
            r = run(self.vcc, "run", self.out, "--calldata", "@" + self.request(name), "--store", empty, "--target",
                    target, "--json")
            check(f"{name} with a store without the blob: {target} stops with missing data (exit 104), no response",
                  r.returncode == 104 and r.stdout.strip() and json.loads(r.stdout).get("response") == "0x",
                  (r.returncode, r.stdout, r.stderr))
