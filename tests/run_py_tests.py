#!/usr/bin/env python3
"""Run the Python-level test suite (tests/py/**/*.py) against pvm.

MicroPython run-tests.py style: every test script is run with the reference
CPython to obtain the expected output, and with pvm; stdout+stderr (merged)
and the exit code must match byte for byte.

  * The reference is Debian's /usr/bin/python3.11: the CPython whose standard
    library pvm runs (.ci/setup installs it).  --cpython PATH or the
    environment variable PVM_REF_PYTHON overrides it; the runner prints which
    interpreter and version it used.  Whatever `python3` runs this script is
    not used for expected output.

  * Expected results are cached under build/py-expected/, keyed by a hash of
    the script content and the CPython version.
  * If NAME.py.exp exists beside a test it is used instead of CPython's
    output.  Its first line must be a comment ("# why pvm differs ...") and is
    not part of the expected output.  An optional second line "# exit: N"
    sets the expected exit code (default 0).  Everything after that is the
    exact expected stdout+stderr.
  * A test whose pvm output is exactly "SKIP\\n" is counted as skipped.
  * A file whose name starts with "_" is not a test: a helper module that
    tests beside it import (each test runs with its folder on sys.path).
  * On failure, build/py-results/<area>/NAME.py.out (pvm) and NAME.py.exp
    (expected) are written and a unified diff is printed.
  * The last line printed is "N passed, M failed, K skipped".

Usage: python3 tests/run_py_tests.py [options] [FILTER ...]
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST_ROOT = os.path.join(REPO, "tests", "py")
BUILD = os.path.join(REPO, "build")
EXPECTED_CACHE = os.path.join(BUILD, "py-expected")
RESULTS = os.path.join(BUILD, "py-results")
CACHE_FORMAT = "pvm-py-expected-v1"
CPYTHON_TIMEOUT = 120
DEFAULT_REF_PYTHON = "/usr/bin/python3.11"
DIFF_LINES = 40

PASS, FAIL, SKIP, CRASH, TIMEOUT = "pass", "FAIL", "skip", "CRASH", "TIMEOUT"


def test_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update({
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        # Unbuffered stdout makes the merged stdout+stderr stream follow
        # program order, independent of either implementation's buffer sizes.
        "PYTHONUNBUFFERED": "1",
        "LC_ALL": "C.UTF-8",
    })
    return env


ENV = test_env()
REF_PYTHON = None      # path of the reference CPython (set in main)
REF_VERSION = None     # its sys.version, part of the cache key


def reference_python(path):
    """(path, sys.version) of the reference CPython, or exit with a clear error."""
    try:
        out = subprocess.run(
            [path, "-c", "import sys; print(sys.version_info[:2] == (3, 11)); print(sys.version)"],
            env=ENV, stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as e:
        sys.exit("error: reference CPython %s cannot run (%s); install Debian's python3.11 "
                 "(bash .ci/setup) or pass --cpython PATH" % (path, e))
    ok, _, version = out.stdout.decode().partition("\n")
    if ok != "True":
        sys.exit("error: reference %s is not CPython 3.11: %s" % (path, version.strip()))
    return path, version.strip()
ENV_KEY = "unbuffered-1"  # part of the expected-output cache key


def find_tests(filters, excludes):
    tests = []
    for dirpath, dirnames, filenames in os.walk(TEST_ROOT):
        dirnames.sort()
        for fn in sorted(filenames):
            if not fn.endswith(".py") or fn.startswith("_"):
                continue  # "_name.py": a helper module the tests import
            rel = os.path.relpath(os.path.join(dirpath, fn), TEST_ROOT)
            rel = rel.replace(os.sep, "/")
            if filters and not any(f in rel for f in filters):
                continue
            if any(x in rel for x in excludes):
                continue
            tests.append(rel)
    tests.sort()
    return tests


def run_script(argv0, rel, timeout):
    """Run `argv0 NAME.py` with cwd = the test's folder.

    Returns (output_bytes, returncode, timed_out).  returncode < 0 means the
    process was killed by signal -returncode."""
    path = os.path.join(TEST_ROOT, rel)
    cwd, name = os.path.split(path)
    proc = subprocess.Popen(
        [argv0, name], cwd=cwd, env=ENV, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return out, proc.returncode, False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, _ = proc.communicate()
        return out, proc.returncode, True


def parse_exp_file(data):
    """NAME.py.exp: first line is a comment, optional '# exit: N' line."""
    rc = 0
    lines = data.split(b"\n", 1)
    if not lines[0].startswith(b"#"):
        raise ValueError("first line must be a '#' comment explaining why")
    rest = lines[1] if len(lines) > 1 else b""
    if rest.startswith(b"# exit:"):
        line, _, rest = rest.partition(b"\n")
        rc = int(line[len(b"# exit:"):].strip())
    return rest, rc


_cache_lock = threading.Lock()


def expected_for(rel):
    """Return (output_bytes, exit_code) expected for the test."""
    path = os.path.join(TEST_ROOT, rel)
    if os.path.exists(path + ".exp"):
        with open(path + ".exp", "rb") as f:
            return parse_exp_file(f.read())
    with open(path, "rb") as f:
        content = f.read()
    h = hashlib.sha256()
    h.update(CACHE_FORMAT.encode() + b"\0")
    h.update(REF_VERSION.encode() + b"\0" + ENV_KEY.encode() + b"\0")
    h.update(os.path.basename(path).encode() + b"\0")
    h.update(content)
    key = h.hexdigest()
    cpath = os.path.join(EXPECTED_CACHE, key)
    try:
        with open(cpath, "rb") as f:
            data = f.read()
        header, _, out = data.partition(b"\n")
        return out, int(header)
    except (OSError, ValueError):
        pass
    out, rc, timed_out = run_script(REF_PYTHON, rel, CPYTHON_TIMEOUT)
    if timed_out:
        raise RuntimeError("CPython timed out running %s" % rel)
    os.makedirs(EXPECTED_CACHE, exist_ok=True)
    tmp = "%s.tmp%d.%d" % (cpath, os.getpid(), threading.get_ident())
    with open(tmp, "wb") as f:
        f.write(b"%d\n" % rc + out)
    os.replace(tmp, cpath)
    return out, rc


def signal_name(num):
    try:
        return signal.Signals(num).name
    except ValueError:
        return "signal %d" % num


TIMEOUT_TAG = re.compile(rb"^# test-timeout: (\d+)\s*$", re.M)


def own_timeout(rel, timeout):
    """A test that starts many child interpreters may name a longer limit of
    its own in a `# test-timeout: SECONDS` line of its leading comment; the
    larger of that and the run's limit applies."""
    with open(os.path.join(TEST_ROOT, rel), "rb") as f:
        head = f.read(2048)
    m = TIMEOUT_TAG.search(head)
    return max(timeout, float(m.group(1))) if m else timeout


def run_test(rel, pvm, timeout):
    """Return (status, detail, pvm_out, pvm_rc, exp_out, exp_rc, secs)."""
    timeout = own_timeout(rel, timeout)
    t0 = time.time()
    exp_out, exp_rc = expected_for(rel)
    out, rc, timed_out = run_script(pvm, rel, timeout)
    secs = time.time() - t0
    if timed_out:
        return TIMEOUT, "timed out after %gs" % timeout, out, rc, exp_out, exp_rc, secs
    if out == b"SKIP\n":
        return SKIP, "", out, rc, exp_out, exp_rc, secs
    if rc < 0:
        return (CRASH, "killed by %s" % signal_name(-rc), out, rc, exp_out,
                exp_rc, secs)
    if out == exp_out and rc == exp_rc:
        return PASS, "", out, rc, exp_out, exp_rc, secs
    if out == exp_out:
        detail = "exit code %d, expected %d (output matches)" % (rc, exp_rc)
    elif rc != exp_rc:
        detail = "wrong output; exit code %d, expected %d" % (rc, exp_rc)
    else:
        detail = "wrong output"
    return FAIL, detail, out, rc, exp_out, exp_rc, secs


def make_diff(rel, exp_out, out):
    a = exp_out.decode("utf-8", "backslashreplace").splitlines(True)
    b = out.decode("utf-8", "backslashreplace").splitlines(True)
    lines = list(difflib.unified_diff(a, b, "expected/" + rel, "pvm/" + rel))
    res = []
    for line in lines[:DIFF_LINES]:
        res.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    if len(lines) > DIFF_LINES:
        res.append("... (%d more diff lines)\n" % (len(lines) - DIFF_LINES))
    return "".join(res)


def result_paths(rel):
    base = os.path.join(RESULTS, rel)
    return base + ".out", base + ".exp"


def main():
    ap = argparse.ArgumentParser(
        description="Run tests/py/**/*.py under pvm and compare with CPython.")
    ap.add_argument("filters", nargs="*", metavar="FILTER",
                    help="only run tests whose path (relative to tests/py) "
                         "contains any of these substrings")
    ap.add_argument("--pvm", default=os.path.join(REPO, "build", "pvm"),
                    help="path to the pvm binary (default: build/pvm)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="parallel jobs (default: number of CPUs)")
    ap.add_argument("-e", "--exclude", action="append", default=[],
                    metavar="SUBSTR", help="exclude tests whose path contains "
                    "SUBSTR (may be repeated)")
    ap.add_argument("-t", "--timeout", type=float, default=30.0,
                    help="per-test timeout for pvm in seconds (default 30)")
    ap.add_argument("--cpython", default=os.environ.get("PVM_REF_PYTHON", DEFAULT_REF_PYTHON),
                    help="reference CPython 3.11 for expected output "
                         "(default: $PVM_REF_PYTHON or %s)" % DEFAULT_REF_PYTHON)
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every test's result and timing")
    args = ap.parse_args()

    pvm = os.path.abspath(args.pvm)
    if not (os.path.isfile(pvm) and os.access(pvm, os.X_OK)):
        print("error: pvm binary not found or not executable: %s" % pvm,
              file=sys.stderr)
        print("build it first, or pass --pvm PATH", file=sys.stderr)
        return 1
    global REF_PYTHON, REF_VERSION
    REF_PYTHON, REF_VERSION = reference_python(args.cpython)
    print("reference: %s (CPython %s)" % (REF_PYTHON, REF_VERSION.split()[0]))
    sys.stdout.flush()

    tests = find_tests(args.filters, args.exclude)
    if args.verbose:
        areas = sorted(d for d in os.listdir(TEST_ROOT)
                       if os.path.isdir(os.path.join(TEST_ROOT, d)))
        for area in areas:
            n = sum(1 for t in tests if t.startswith(area + "/"))
            print("area %-12s %d test(s)" % (area, n))
        print("running %d test(s) with %s, -j %d" % (len(tests), pvm, args.jobs))
        sys.stdout.flush()

    counts = {PASS: 0, FAIL: 0, SKIP: 0, CRASH: 0, TIMEOUT: 0}
    failures = []
    skipped = []
    print_lock = threading.Lock()

    def job(rel):
        try:
            return rel, run_test(rel, pvm, args.timeout)
        except Exception as e:  # runner/CPython problem: report as failure
            return rel, (FAIL, "runner error: %s" % e, b"", 0, b"", 0, 0.0)

    def report(rel, res):
        status, detail, out, rc, exp_out, exp_rc, secs = res
        counts[status] += 1
        out_path, exp_path = result_paths(rel)
        if status in (PASS, SKIP):
            for p in (out_path, exp_path):
                if os.path.exists(p):
                    os.remove(p)
            if status == SKIP:
                skipped.append(rel)
            if args.verbose:
                print("%-7s %s (%.2fs)" % (status, rel, secs))
            return
        failures.append((status, rel, detail))
        os.makedirs(os.path.dirname(out_path), exist_ok=True)
        with open(out_path, "wb") as f:
            f.write(out)
        with open(exp_path, "wb") as f:
            f.write(exp_out)
        print("%-7s %s: %s" % (status, rel, detail))
        if status == FAIL or out != exp_out:
            diff = make_diff(rel, exp_out, out)
            if diff:
                sys.stdout.write(diff)
        sys.stdout.flush()

    jobs = max(1, args.jobs)
    if jobs == 1:
        for rel in tests:
            report(*job(rel))
    else:
        with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
            futs = [ex.submit(job, rel) for rel in tests]
            for fut in concurrent.futures.as_completed(futs):
                with print_lock:
                    report(*fut.result())

    n_failed = counts[FAIL] + counts[CRASH] + counts[TIMEOUT]
    if skipped and args.verbose:
        print("skipped tests:")
        for rel in sorted(skipped):
            print("  " + rel)
    if failures:
        print("failing tests (%d):" % len(failures))
        for status, rel, detail in sorted(failures, key=lambda x: x[1]):
            print("  %-7s %s: %s" % (status, rel, detail))
        if counts[CRASH] or counts[TIMEOUT]:
            print("(%d crashed, %d timed out, %d wrong output)"
                  % (counts[CRASH], counts[TIMEOUT], counts[FAIL]))
        print("outputs saved under %s" % os.path.relpath(RESULTS, os.getcwd()))
    print("%d passed, %d failed, %d skipped" % (counts[PASS], n_failed,
                                                counts[SKIP]))
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
