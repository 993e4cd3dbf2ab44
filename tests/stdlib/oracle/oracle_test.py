#!/usr/bin/env python3
"""The data oracle natively (--store) and in the VM (vcc vm run --store)
gives the same bytes for the same reads; the guest wrapper's chunk loop and
the native store agree on sizes and counts. A blob the store lacks (missing,
or a file whose data root is not its name) is never visible to the program:
both targets stop without a response (VM: missing-data, exit 104; native:
exit 104). Natively a verified blob leaves a stamp (STORE/.verified/ROOT)
and later runs map it without hashing: the same bytes again; a blob
changed after it was stamped is hashed again and, no longer matching its
name, is missing data. Last line: 'oracle: N passed, M failed'."""
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
stamps = os.listdir(os.path.join(store, ".verified")) if os.path.isdir(os.path.join(store, ".verified")) else []
blobs = sorted(n for n in os.listdir(store) if len(n) == 64)
ok = len(stamps) > 0 and set(stamps) <= set(blobs)
print(("ok  " if ok else "FAIL") + f" native runs stamped the blobs they verified ({len(stamps)} of {len(blobs)})")
passed, failed = passed + ok, failed + (not ok)
out = os.path.join(tmp, "stamped.out")
r = subprocess.run([native, "--backend", "serial", "--store", store, "--input", request, "--output", out],
                   capture_output=True, timeout=300)
ok = r.returncode == 0 and reference is not None and open(out, "rb").read() == reference
print(("ok  " if ok else "FAIL") + " a run that maps the stamped blobs (no hashing) gives the VM's bytes again")
passed, failed = passed + ok, failed + (not ok)
# Change a stamped blob in place (same length, same name): its stamp no
# longer matches the file, so it is hashed again and refused.
changed = max((os.path.join(store, n) for n in stamps), key=os.path.getsize) if stamps else None
if changed:
    data = bytearray(open(changed, "rb").read())
    data[len(data) // 2] ^= 0xFF
    open(changed, "wb").write(data)
for name, command in [("native", [native, "--backend", "serial", "--store", store]),
                      ("vm", [vcc, "vm", "run", image, "--store", store])]:
    out = os.path.join(tmp, f"changed-{name}.out")
    r = subprocess.run(command + ["--input", request, "--output", out], capture_output=True, timeout=300)
    ok = changed is not None and r.returncode == 104 and b"missing data" in r.stderr + r.stdout
    print(("ok  " if ok else "FAIL") + f" a stamped blob changed afterwards: {name} stops with missing data "
          f"(exit {r.returncode})")
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
