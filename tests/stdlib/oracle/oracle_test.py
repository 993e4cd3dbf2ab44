#!/usr/bin/env python3
"""The data oracle natively (--store) and in the VM (vcc vm run --store)
gives the same bytes for the same reads; the guest wrapper's chunk loop and
the native store agree on sizes and counts. A blob the store lacks (missing,
or a file whose data root is not its name) is never visible to the program:
both targets stop without a response (VM: missing-data, exit 104; native:
exit 104). Last line: 'oracle: N passed, M failed'."""
import json, subprocess, sys, tempfile, os

vcc, native, image, tool = sys.argv[1:5]
tmp = tempfile.mkdtemp(prefix="vcc-oracle-")
store, request = os.path.join(tmp, "store"), os.path.join(tmp, "request.bin")
missing, forged = os.path.join(tmp, "missing.bin"), os.path.join(tmp, "forged.bin")
os.makedirs(store)
subprocess.run([tool, store, request, missing, forged], check=True)
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
for label, path in (("missing", missing), ("forged", forged)):
    for name, command in [("native", [native, "--backend", "serial", "--store", store]),
                          ("vm", [vcc, "vm", "run", image, "--store", store, "--json"])]:
        out = os.path.join(tmp, f"{label}-{name}.out")
        r = subprocess.run(command + ["--input", path, "--output", out], capture_output=True, timeout=300)
        ok = r.returncode == 104 and b"missing data" in (r.stderr + r.stdout)
        if name == "vm":
            try:
                ok = ok and json.loads(r.stdout)["status"] == "missing-data"
            except ValueError:
                ok = False
        print(("ok  " if ok else "FAIL") + f" {label} blob: {name} stops with missing data (exit {r.returncode}) {r.stderr[-200:]!r}")
        passed, failed = passed + ok, failed + (not ok)
print(f"oracle: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
