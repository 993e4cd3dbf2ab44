"""What the driver's Python tests share: one printed line per check
('ok   name' or 'FAIL name detail'), a tally, and running a command with
its output captured."""
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
