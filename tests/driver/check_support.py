"""What the driver's Python tests share: one printed line per check
('ok   name' or 'FAIL name detail'), a tally, and running a command with
its output captured."""
import argparse
import os
import subprocess

_tally = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    """Records one check; the detail (its last 2000 characters) is printed on failure."""
    if ok:
        _tally["passed"] += 1
        print(f"ok   {name}")
    else:
        _tally["failed"] += 1
        print(f"FAIL {name} {str(detail)[-2000:]}")
    return ok


def run(*command, timeout=900, text=True, stdin=None):
    """Runs the command (no shell) and returns the CompletedProcess with stdout and stderr."""
    return subprocess.run([str(c) for c in command], input=stdin, capture_output=True, text=text, timeout=timeout)


def summary(label):
    """Prints 'label: N passed, M failed' and returns the exit status: 1 if any check failed."""
    print(f"{label}: {_tally['passed']} passed, {_tally['failed']} failed")
    return 1 if _tally["failed"] else 0


def service_test_options():
    """--vcc and --services, the options of every test of a service in tests/driver/services."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--vcc", required=True)
    parser.add_argument("--services", required=True)
    return parser.parse_args()


def build_service(options, source, out, *flags):
    """`vcc build services/SOURCE -o OUT FLAGS...`, recorded as a check; True when it built."""
    r = run(options.vcc, "build", os.path.join(options.services, source), "-o", out, *flags)
    return check(f"vcc build {source} {' '.join(flags)}".rstrip(), r.returncode == 0, r.stdout + r.stderr)
