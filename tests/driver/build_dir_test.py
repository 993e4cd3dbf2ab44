#!/usr/bin/env python3
"""`vcc hash` and `vcc publish` on a build directory written by
fake_build_tool: hashes agree with `vcc vm hash`, tampering is caught with
exit 1, bad directories exit 2, and the bundle passes the ethers.js check.
Last line: 'build-dir: N passed, M failed'."""
import argparse, json, os, shutil, subprocess, sys, tempfile

from check_support import check, run, summary




def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--fake", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--node", default="node")
    parser.add_argument("--js", required=True)
    o = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="vcc-build-dir-")
    build = os.path.join(tmp, "build")
    subprocess.run([o.fake, o.image, build], check=True)

    expected = run(o.vcc, "vm", "hash", o.image).stdout.strip()
    r = run(o.vcc, "hash", build, "--json")
    check("hash: exit 0", r.returncode == 0, r.stderr)
    report = json.loads(r.stdout) if r.returncode == 0 else {}
    check("hash: programHash equals vcc vm hash of the image", report.get("programHash") == expected, report)
    check("hash: one line per method", [m["signature"] for m in report.get("methods", [])] == ["first(uint32)", "second(bytes,string[])"])
    r = run(o.vcc, "hash", build)
    check("hash: text output names the selectors", r.returncode == 0 and "first(uint32)" in r.stdout and expected in r.stdout, r.stdout)

    bundle = os.path.join(tmp, "bundle")
    blobs = []
    for size in (0, 33, 5000):
        path = os.path.join(tmp, f"data-{size}.bin")
        with open(path, "wb") as f:
            f.write(bytes((i * 7 + size) & 0xff for i in range(size)))
        blobs += ["--blob", path]
    r = run(o.vcc, "publish", build, "--bundle", bundle, *blobs)
    check("publish: exit 0", r.returncode == 0, r.stderr)
    r = run(o.vcc, "publish", build, "--bundle", os.path.join(tmp, "bundle-missing"), "--blob", os.path.join(tmp, "nope"))
    check("publish: a missing --blob is exit 2", r.returncode == 2 and "nope" in r.stderr, r.stderr)
    r = run(o.node, os.path.join(o.js, "publish_check.mjs"), bundle, "3")
    print(r.stdout, end="")
    check("publish: ethers.js check of the bundle", r.returncode == 0, r.stderr)

    tampered = os.path.join(tmp, "tampered")
    shutil.copytree(build, tampered)
    with open(os.path.join(tampered, "fake.rv64.elf"), "r+b") as f:
        f.seek(-1, os.SEEK_END)
        last = f.read(1)
        f.seek(-1, os.SEEK_END)
        f.write(bytes([last[0] ^ 1]))
    r = run(o.vcc, "hash", tampered)
    check("tampered image: exit 1 with a message", r.returncode == 1 and "does not match" in r.stderr, (r.returncode, r.stderr))
    r = run(o.vcc, "publish", tampered, "--bundle", os.path.join(tmp, "b2"))
    check("tampered image: publish refuses with exit 1", r.returncode == 1, r.returncode)
    with open(os.path.join(build, "manifest.json")) as f:
        manifest = f.read()
    broken = os.path.join(tmp, "broken")
    shutil.copytree(build, broken)
    with open(os.path.join(broken, "manifest.json"), "w") as f:
        f.write(manifest.replace('"manifestVersion": 2', '"manifestVersion": 9'))
    r = run(o.vcc, "hash", broken)
    check("unknown manifestVersion: exit 2", r.returncode == 2 and "manifestVersion 9" in r.stderr, r.stderr)
    r = run(o.vcc, "hash", os.path.join(tmp, "nowhere"))
    check("missing directory: exit 2", r.returncode == 2, r.returncode)
    return summary("build-dir")


if __name__ == "__main__":
    sys.exit(main())
