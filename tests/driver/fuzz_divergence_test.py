#!/usr/bin/env python3
"""verify-equiv finds divergence: tests/driver/services/planted_divergence.cpp
answers differently natively and in the VM, but only for arrays of more
than 100 elements (longArrays) or for data that starts with "vcc!" (magic).

- the ABI-aware generator (--fuzz) makes long arrays: a small --fuzz run
  reports mismatches for longArrays and none for plain, and counts the
  requests of every method;
- coverage-guided fuzzing (vcc build --fuzzer, verify-equiv --fuzz-time)
  runs, reports its executions, and the diverging inputs it records are
  confirmed by the ordinary comparison;
Last line: 'fuzz_divergence: N passed, M failed'."""
import json
import os
import sys
import tempfile

from check_support import build_service, check, run, service_test_options, summary


def word(n):
    return n.to_bytes(32, "big")


def main():
    o = service_test_options()

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "planted")
        if not build_service(o, "planted_divergence.cpp", out, "--fuzzer"):
            return summary("fuzz_divergence")
        check("vcc build --fuzzer: the in-process fuzzer exists",
              os.path.isfile(os.path.join(out, ".vcc-work", "fuzz", "planted_divergence.fuzz")))
        with open(os.path.join(out, "manifest.json")) as f:
            selectors = {m["name"]: bytes.fromhex(m["selector"][2:]) for m in json.load(f)["methods"]}

        # The generator alone.
        r = run(o.vcc, "verify-equiv", out, "--fuzz", "24", "--seed", "1", "--json")
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        mismatched = {m["request"].split()[2].split("[")[0] for m in report.get("mismatches", [])}
        check("--fuzz 24: exit 1 (mismatches)", r.returncode == 1, r.stdout + r.stderr)
        check("--fuzz 24: the long-array divergence is found, and nothing else", mismatched == {"longArrays"}, mismatched)
        counts = {m["signature"]: m["requests"] for m in report.get("methods", [])}
        check("--fuzz 24: every method got requests, and the report counts them",
              counts == {"longArrays(uint32[])": 8, "magic(bytes)": 8, "plain(uint32)": 8}, counts)

        # Coverage-guided, seeded with short valid requests and one long array.
        corpus = os.path.join(tmp, "corpus")
        os.makedirs(corpus)
        with open(os.path.join(corpus, "short.bin"), "wb") as f:
            f.write(selectors["longArrays"] + word(32) + word(3) + word(1) + word(2) + word(3))
        with open(os.path.join(corpus, "long.bin"), "wb") as f:
            f.write(selectors["longArrays"] + word(32) + word(150) + b"".join(word(i) for i in range(150)))
        with open(os.path.join(corpus, "magic.bin"), "wb") as f:
            f.write(selectors["magic"] + word(32) + word(12) + b"abcdefghijkl" + bytes(20))
        r = run(o.vcc, "verify-equiv", out, "--corpus", corpus, "--fuzz-time", "8", "--json", timeout=300)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        coverage = report.get("coverageFuzzing", {})
        check("--fuzz-time 8: the fuzzer ran and counted its executions", coverage.get("executions", 0) > 1000, coverage)
        check("--fuzz-time 8: diverging inputs were recorded", coverage.get("candidates", 0) >= 1, coverage)
        confirmed = [m for m in report.get("mismatches", []) if m["request"].startswith("coverage fuzz")]
        check("--fuzz-time 8: recorded inputs are confirmed by the real binary and the VM", len(confirmed) >= 1,
              report.get("mismatches"))

        # The magic prefix: the build's dictionary holds the constant the
        # service compares with, and the fuzzer puts it where the ABI puts
        # bytes; seeded with a request that reaches the comparison only.
        with open(os.path.join(out, ".vcc-work", "fuzz", "planted_divergence.dict")) as f:
            dictionary = f.read()
        check("vcc build --fuzzer: the dictionary holds the compared magic", '"vcc!"' in dictionary, dictionary)
        check("the dictionary leaves out vcc's own compares (stack budget, selectors)",
              dictionary.count("\n\"") <= 2 and "f[n?" not in dictionary, dictionary)
        magic_corpus = os.path.join(tmp, "magic-corpus")
        os.makedirs(magic_corpus)
        with open(os.path.join(magic_corpus, "magic.bin"), "wb") as f:
            f.write(selectors["magic"] + word(32) + word(12) + b"abcdefghijkl" + bytes(20))
        r = run(o.vcc, "verify-equiv", out, "--corpus", magic_corpus, "--fuzz-time", "5", "--json", timeout=300)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        found = [m["request"] for m in report.get("mismatches", []) if m["request"].startswith("coverage fuzz")]
        check("--fuzz-time 5 from one request: the magic-prefix divergence is found and confirmed",
              any(name.endswith(" magic(bytes)") for name in found), (found[:4], report.get("coverageFuzzing")))

        r = run(o.vcc, "verify-equiv", out, "--fuzz-time", "1", "--calldata", "/nonexistent-file")
        check("--fuzz-time with a missing request file: exit 2", r.returncode == 2, r.stderr)
        plain = os.path.join(tmp, "plain")
        run(o.vcc, "build", os.path.join(o.services, "planted_divergence.cpp"), "-o", plain)
        r = run(o.vcc, "verify-equiv", plain, "--fuzz-time", "1")
        check("--fuzz-time without vcc build --fuzzer: exit 2 and says how to build it",
              r.returncode == 2 and "--fuzzer" in r.stderr, r.stderr)

    return summary("fuzz_divergence")


if __name__ == "__main__":
    sys.exit(main())
