#!/usr/bin/env python3
"""The data oracle natively (--store) and in the VM (vcc vm run --store)
gives the same bytes for the same reads; the guest wrapper's leaf loop and
the native store agree on sizes, counts, missing and forged blobs.
Last line: 'oracle: N passed, M failed'."""
import subprocess, sys, tempfile, os

vcc, native, image, tool = sys.argv[1:5]
tmp = tempfile.mkdtemp(prefix="vcc-oracle-")
store, request = os.path.join(tmp, "store"), os.path.join(tmp, "request.bin")
os.makedirs(store)
subprocess.run([tool, store, request], check=True)
results, passed, failed = {}, 0, 0
for name, command in [("native/serial", [native, "--backend", "serial", "--store", store]),
                      ("native/threads", [native, "--backend", "threads", "--store", store]),
                      ("vm", [vcc, "vm", "run", image, "--store", store])]:
    out = os.path.join(tmp, name.replace("/", "-"))
    r = subprocess.run(command + ["--input", request, "--output", out], capture_output=True, timeout=300)
    ok = r.returncode == 0
    print(("ok  " if ok else "FAIL") + f" {name} exits 0 {r.stderr[-300:]!r}")
    passed, failed = passed + ok, failed + (not ok)
    results[name] = open(out, "rb").read() if ok else None
reference = results["vm"]
for name in ("native/serial", "native/threads"):
    ok = reference is not None and results[name] == reference
    print(("ok  " if ok else "FAIL") + f" {name} = vm ({len(reference or b'')} bytes)")
    passed, failed = passed + ok, failed + (not ok)
# The last two reads are a forged file and a missing key: size -1, count -1.
tail = reference[-32:] if reference else b""
ok = tail == (b"\xff" * 8) * 4
print(("ok  " if ok else "FAIL") + " forged and missing blobs read as missing")
passed, failed = passed + ok, failed + (not ok)
print(f"oracle: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
