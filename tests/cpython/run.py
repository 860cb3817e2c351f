#!/usr/bin/env python3
"""Run CPython 3.11's own regression tests (Debian's libpython3.11-testsuite,
/usr/lib/python3.11/test/) on pvm and compare with the list of known failures.

Each module of tests/cpython/modules.txt runs in its own pvm process
(tests/cpython/driver.py: unittest with a recording result), in an empty
temporary directory, with a per-run timeout, --jobs at a time.  The driver
writes one line per finished test, so a crash or a timeout loses nothing:
the test that was running is recorded as CRASH/TIMEOUT and the module is
started again without the tests already done (at most --restarts times).

tests/cpython/expected-failures.txt lists the known failures, one per line:

    <id> <reason>

<id> is a test id (test.test_x.Class.test_method), a class or another
dotted prefix of ids below the module, or a module name of modules.txt.  A module named whole is not
run (it cannot import yet, e.g. "needs _socket").  A reason that starts with
"CRASH:" or "HANG:" excludes the tests from the run (a crash is a bug to
fix, listed there only until it is).  Anything else is an expected failure:
the test runs, its failure is allowed, and its passing is reported so that
the list shrinks.

The run fails (exit 1) on any failure not listed, crash, timeout, or a module
that did not finish.  The last line is "N passed, N failed, N skipped"
(failed counts every failing test, expected ones included).

  python3 tests/cpython/run.py [--pvm build/pvm] [-j 2] [--ci] [MODULE ...]
  python3 tests/cpython/run.py --report        # the per-module table
  python3 tests/cpython/run.py --all --timeout 120   # every module of
                                               # /usr/lib/python3.11/test
  python3 tests/cpython/run.py --new-failures  # unlisted failures, in the
                                               # list's format, to review
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DRIVER = os.path.join(HERE, "driver.py")
MODULES = os.path.join(HERE, "modules.txt")
EXPECTED = os.path.join(HERE, "expected-failures.txt")
TESTDIR = "/usr/lib/python3.11/test"
TESTSUITE = os.path.join(TESTDIR, "test_grammar.py")


def all_test_modules(testdir=TESTDIR):
    """Every test module of CPython's suite, as libregrtest finds them: the
    test_* modules and packages of the test directory, sorted."""
    mods = set()
    for entry in os.listdir(testdir):
        if not entry.startswith("test_"):
            continue
        path = os.path.join(testdir, entry)
        if entry.endswith(".py") and os.path.isfile(path):
            mods.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, "__init__.py")):
            mods.add(entry)
    return sorted(mods)


def read_modules(path, ci_only):
    mods = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if ci_only and not any(t == "ci" or t.startswith("ci=") for t in line[1:]):
                continue
            mods.append(line[0])
    return mods


def read_tags(path, prefix):
    """{module: value} for the modules whose modules.txt line has a tag
    PREFIX=value: "timeout=S" (a module whose one process runs longer than
    --timeout, test_asyncio, gets S instead) and "ci=PATTERN,..." (the CI
    stage runs only their tests whose id matches a pattern, as unittest's
    -k: fnmatch, a pattern without a wildcard matches as a substring)."""
    tags = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            for tag in line[1:]:
                if tag.startswith(prefix + "="):
                    tags[line[0]] = tag[len(prefix) + 1:]
    return tags


def read_expected(path):
    entries = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 1)
            if len(parts) < 2:
                sys.exit("%s:%d: an entry needs a reason: %s" % (path, n, line))
            entries[parts[0]] = parts[1]
    return entries


def lookup(entries, tid):
    """The entry that covers tid (itself or a dotted prefix), or None."""
    base = tid.split(" ", 1)[0]  # "setUpClass (test.x.C)" and the like
    if base in ("setUpClass", "tearDownClass", "setUpModule", "tearDownModule") and "(" in tid:
        inner = tid[tid.index("(") + 1:].rstrip(")")
        found = lookup(entries, inner)
        if found:
            return found
    if tid in entries:
        return tid
    parts = base.split(".")
    # Prefixes from a class (test.test_x.Class) down; "test.test_x" itself
    # is the id of a module's doctests, not a prefix of its tests.
    for i in range(len(parts), 2, -1):
        key = ".".join(parts[:i])
        if key in entries:
            return key
    return None


class ModuleResult:
    def __init__(self, name):
        self.name = name
        self.tests = {}  # id -> (status, message)
        self.problems = []  # crashes, timeouts, aborted runs
        self.kinds = set()  # "CRASH", "TIMEOUT", "EXIT": what the problems were
        self.not_run = None  # reason, when the module is listed whole
        self.seconds = 0.0


def run_module(args, name, entries):
    res = ModuleResult(name)
    if name in entries:
        res.not_run = entries[name]
        return res
    excluded = {k for k, v in entries.items()
                if k.startswith("test.%s." % name) and v.startswith(("CRASH:", "HANG:"))}
    limit = max(args.timeout, args.timeouts.get(name, 0))
    logdir = os.path.join(args.results, name)
    os.makedirs(logdir, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    start = time.monotonic()
    for attempt in range(args.restarts + 1):
        workdir = tempfile.mkdtemp(prefix="pvm-regrtest-%s-" % name)
        results = os.path.join(logdir, "results-%d.txt" % attempt)
        exclude_file = os.path.join(logdir, "exclude-%d.txt" % attempt)
        with open(exclude_file, "w", encoding="utf-8") as f:
            for e in sorted(excluded | set(res.tests)):
                f.write(e + "\n")
        open(results, "w").close()
        env["PVM_REGRTEST_EXCLUDE"] = exclude_file
        if args.ci and name in args.ci_patterns:
            env["PVM_REGRTEST_ONLY"] = ",".join(args.ci_patterns[name])
        env["TMPDIR"] = workdir
        log = open(os.path.join(logdir, "output-%d.txt" % attempt), "wb")
        for tries in range(5):  # a binary being rebuilt meanwhile: ETXTBSY
            try:
                proc = subprocess.Popen([args.pvm, DRIVER, results, "test." + name], cwd=workdir,
                                        env=env, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
                break
            except OSError:
                if tries == 4:
                    raise
                time.sleep(2)
        timed_out = False
        try:
            rc = proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                pass
            rc = proc.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
        running, done = None, False
        with open(results, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split(" ", 2)
                if len(parts) < 2:
                    continue
                kind, tid = parts[0], parts[1]
                msg = parts[2] if len(parts) > 2 else ""
                if kind == "start":
                    running = tid
                elif kind == "done":
                    done = True
                elif kind in ("pass", "fail", "skip"):
                    if tid.startswith("unittest.loader._FailedTest."):
                        continue  # the import failure, recorded as __import__
                    if tid.endswith(".__import__"):
                        tid = name
                    res.tests[tid] = (kind, msg)
                    if tid == running:
                        running = None
        if done and rc == 0 and not timed_out:
            break
        if timed_out:
            what = "TIMEOUT"
            why = "timeout after %d s" % limit
        elif rc < 0:
            what = "CRASH"
            why = "killed by signal %d" % -rc
        else:
            what = "CRASH" if not done else "EXIT"
            why = "exited with status %d before the end" % rc if not done else "exit status %d" % rc
        res.kinds.add(what)
        if running is not None:
            res.tests[running] = (what.lower(), why)
            res.problems.append("%s %s: %s" % (what, running, why))
        else:
            res.problems.append("%s %s: %s (no test running)" % (what, name, why))
            break
        if time.monotonic() - start > limit * 2:
            break
    res.seconds = time.monotonic() - start
    return res


def module_status(res, unexpected):
    """The module's status for the table: ok (every failure listed), failed
    (unlisted failures), import error, skipped (the module skips itself
    whole), crash (pvm died: a signal or an early exit), timeout."""
    if res.not_run is not None:
        return "not run"
    if "CRASH" in res.kinds:
        return "crash"
    if "TIMEOUT" in res.kinds:
        return "timeout"
    whole = res.tests.get(res.name)
    if whole is not None:
        if whole[0] == "skip":
            return "skipped"
        if not [t for t in res.tests if t != res.name]:
            return "import error"
    if "EXIT" in res.kinds:
        return "crash"
    return "failed" if unexpected else "ok"


def classify(res, entries):
    """Counts and the lists of unexpected failures / fixed expected ones."""
    c = {"run": 0, "passed": 0, "failed": 0, "skipped": 0, "xfail": 0}
    unexpected, fixed = [], []
    for tid, (status, msg) in sorted(res.tests.items()):
        if tid == res.name and status != "skip":  # the module did not import
            c["failed"] += 1
            c["run"] += 1
            key = lookup(entries, tid)
            if key is None:
                unexpected.append((tid, status, msg))
            else:
                c["xfail"] += 1
            continue
        if status == "skip":
            c["skipped"] += 1
            key = lookup(entries, tid)
            continue
        c["run"] += 1
        key = lookup(entries, tid)
        if status == "pass":
            c["passed"] += 1
            if key == tid:
                fixed.append(tid)
        else:
            c["failed"] += 1
            if key is None or status in ("crash", "timeout"):
                unexpected.append((tid, status, msg))
            else:
                c["xfail"] += 1
    return c, unexpected, fixed


# First drafts of reasons for --new-failures: the error messages that mean
# a missing piece of pvm, named as such; otherwise the message itself.
DRAFT_REASONS = [
    ("No module named 'gc'", "needs the gc module (issue 13)"),
    ("No module named '_socket'", "needs _socket (sockets are not implemented yet)"),
    ("No module named 'unicodedata'", "needs unicodedata"),
    ("unknown Unicode character name", "needs unicodedata (\\N{...} escapes)"),
    ("No module named '_testcapi'", "CPython C-API test module"),
    ("No module named '_testinternalcapi'", "CPython internals test module"),
    ("No module named '_pickle'", "needs _pickle (the C pickler)"),
    ("No module named '_multiprocessing'", "needs _multiprocessing"),
    ("No module named '_json'", "needs _json (the C accelerator)"),
    ("not supported by pvm yet", "pvm limitation: "),
]


def draft_reason(msg):
    for needle, reason in DRAFT_REASONS:
        if needle in msg:
            return reason + (msg if reason.endswith(": ") else "")
    return msg


def format_table(rows, modules, total):
    """The per-module table (markdown) and its closing totals."""
    order = {m: i for i, m in enumerate(modules)}
    out = ["| module | run | passed | failed | skipped | expected failures | status |",
           "|---|---:|---:|---:|---:|---:|---|"]
    statuses = {}
    for name, c, why, status in sorted(rows, key=lambda r: order.get(r[0], -1)):
        statuses[status] = statuses.get(status, 0) + 1
        if c is None:
            out.append("| %s | | | | | | not run: %s |" % (name, why))
        else:
            out.append("| %s | %d | %d | %d | %d | %d | %s |" % (
                name, c["run"], c["passed"], c["failed"], c["skipped"], c["xfail"], status))
    out.append("| **total** | %d | %d | %d | %d | %d | %d modules |" % (
        total["run"], total["passed"], total["failed"], total["skipped"], total["xfail"],
        len(rows)))
    out.append("")
    out.append("modules: " + ", ".join("%d %s" % (n, st) for st, n in sorted(
        statuses.items(), key=lambda kv: (-kv[1], kv[0]))))
    if total["run"]:
        out.append("pass rate: %.1f%% of the tests run (%d of %d; %d skipped)" % (
            100.0 * total["passed"] / total["run"], total["passed"], total["run"],
            total["skipped"]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pvm", default=os.path.join(REPO, "build", "pvm"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=300,
                    help="seconds per module run (modules.txt's timeout=S tag raises it)")
    ap.add_argument("--restarts", type=int, default=5,
                    help="restarts of a module after a crash or timeout")
    ap.add_argument("--ci", action="store_true", help="only the modules tagged ci in modules.txt")
    ap.add_argument("--all", action="store_true",
                    help="every test module of %s (not only modules.txt); implies --report"
                    % TESTDIR)
    ap.add_argument("--table", metavar="FILE", help="also write the --report table to FILE")
    ap.add_argument("--modules", default=MODULES)
    ap.add_argument("--expected", default=EXPECTED)
    ap.add_argument("--results", default=os.path.join(REPO, "build", "cpython-results"))
    ap.add_argument("--report", action="store_true", help="print the per-module table")
    ap.add_argument("--new-failures", action="store_true",
                    help="print the unlisted failures in expected-failures.txt's format")
    ap.add_argument("module", nargs="*", help="modules to run (default: all of modules.txt)")
    args = ap.parse_args()
    args.pvm = os.path.abspath(args.pvm)
    args.results = os.path.abspath(args.results)
    if not os.path.exists(TESTSUITE):
        sys.exit("CPython's test suite is missing: apt-get install libpython3.11-testsuite")
    if not os.access(args.pvm, os.X_OK):
        sys.exit("no pvm at %s (build it first, or pass --pvm)" % args.pvm)
    modules = read_modules(args.modules, args.ci)
    args.timeouts = {m: int(v) for m, v in read_tags(args.modules, "timeout").items()}
    args.ci_patterns = {m: [p for p in v.split(",") if p]
                        for m, v in read_tags(args.modules, "ci").items()}
    if args.all:
        modules = all_test_modules()
        args.report = True
    if args.module:
        wanted = [m[5:] if m.startswith("test.") else m for m in args.module]
        modules = [m for m in wanted]
    entries = read_expected(args.expected)
    os.makedirs(args.results, exist_ok=True)

    total = {"run": 0, "passed": 0, "failed": 0, "skipped": 0, "xfail": 0}
    rows, all_unexpected, all_fixed, problems = [], [], [], []
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = {pool.submit(run_module, args, m, entries): m for m in modules}
        for fut in concurrent.futures.as_completed(futs):
            res = fut.result()
            if res.not_run is not None:
                print("%-28s not run: %s" % (res.name, res.not_run), flush=True)
                rows.append((res.name, None, res.not_run, "not run"))
                continue
            c, unexpected, fixed = classify(res, entries)
            for k in total:
                total[k] += c[k]
            status = module_status(res, unexpected)
            rows.append((res.name, c, None, status))
            all_unexpected += unexpected
            all_fixed += fixed
            problems += res.problems
            mark = "ok" if not unexpected else "FAIL"
            if status not in ("ok", "failed"):
                mark = status.upper().replace(" ", "-")
            print("%-28s %-7s %4d run, %4d passed, %3d failed (%d expected), %3d skipped  %5.1f s"
                  % (res.name, mark, c["run"], c["passed"], c["failed"], c["xfail"], c["skipped"],
                     res.seconds), flush=True)
            for tid, status, msg in unexpected:
                print("    %s %s: %s" % (status.upper(), tid, msg), flush=True)
    if args.report:
        table = format_table(rows, modules, total)
        print()
        print(table, end="")
        if args.table:
            with open(args.table, "w", encoding="utf-8") as f:
                f.write(table)
    if args.new_failures and all_unexpected:
        print("\n# unlisted failures (review each reason before adding them to the list)")
        for tid, status, msg in sorted(all_unexpected):
            print("%s %s" % (tid, draft_reason(msg) if msg else status))
    if all_fixed:
        print("\nlisted as expected failures but passing now (remove them from %s):"
              % os.path.relpath(args.expected, REPO))
        for tid in sorted(all_fixed):
            print("    " + tid)
    if problems:
        print("\ncrashes, timeouts and aborted runs:")
        for p in problems:
            print("    " + p)
    print("\n%d modules in %.0f s; %d unexpected failures" % (len(modules), time.monotonic() - t0,
                                                              len(all_unexpected)))
    print("%d passed, %d failed, %d skipped" % (total["passed"], total["failed"], total["skipped"]))
    return 1 if all_unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
