"""Runs one CPython test module under pvm and records each test's outcome.

Started by tests/cpython/run.py as `pvm driver.py RESULTS test.test_x`, in an
empty temporary working directory (tests write files named by
test.support.os_helper.TESTFN into the current directory, as they do under
libregrtest).  Loads the module with unittest (the load_tests protocol
included), runs it with a verbose TextTestRunner on stdout, and appends one
line per event to RESULTS, flushed at once so that the lines written before a
crash survive it:

    start <id>              a test began
    <status> <id> [<msg>]   it ended: pass, fail, skip (msg = first line of
                            the error or the skip reason)

A test with a failing subtest fails once.  Errors of setUpClass/setUpModule
and of the import itself come as `fail` lines with unittest's pseudo ids.
Like libregrtest's default run, no test.support resource (cpu, network,
largefile, ...) is enabled and test.support.verbose is 0.
"""

import fnmatch
import importlib
import os
import sys
import traceback
import unittest


def fixture_id(test):
    """unittest's "setUpClass (test.test_x.Class)" as test.test_x.Class.setUpClass."""
    tid = test.id()
    if tid.endswith(")") and " (" in tid:
        what, where = tid[:-1].split(" (", 1)
        tid = "%s.%s" % (where, what)
    return tid.replace(" ", "_")


def one_line(text):
    """The exception line of a traceback (or the first line of a message)."""
    lines = [l for l in str(text).splitlines() if l.strip()]
    if not lines:
        return ""
    last_file = max((i for i, l in enumerate(lines) if l.startswith("  File ")), default=-1)
    if last_file >= 0:
        # The exception line follows the last frame and its source lines;
        # an assertEqual diff comes after it.
        for l in lines[last_file + 1:]:
            if not l.startswith(" "):
                return l.strip()[:200]
        return lines[-1].strip()[:200]
    return lines[0].strip()[:200]


class RecordingResult(unittest.TextTestResult):
    out = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._status = {}

    def _emit(self, line):
        self.out.write(line.replace("\n", " ") + "\n")
        self.out.flush()

    def _set(self, test, status, msg=""):
        tid = test.id()
        prev = self._status.get(tid)
        if prev is not None and prev[0] == "fail":
            return
        self._status[tid] = (status, msg)

    def startTest(self, test):
        self._emit("start " + test.id())
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        tid = test.id()
        status, msg = self._status.pop(tid, ("pass", ""))
        self._emit(("%s %s %s" % (status, tid, msg)).rstrip())

    def addSuccess(self, test):
        super().addSuccess(test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err)

    def _fail(self, test, err):
        msg = one_line(self.failures[-1][1] if err[0] is test.failureException and self.failures
                       else self.errors[-1][1] if self.errors else "")
        if not isinstance(test, unittest.TestCase) or not hasattr(test, "_testMethodName"):
            # setUpClass / setUpModule / import failures: no startTest/stopTest
            self._emit(("fail %s %s" % (fixture_id(test), msg)).rstrip())
            return
        self._set(test, "fail", msg)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            exc = err[1]
            self._set(test, "fail", "subtest %s: %s: %s" % (
                subtest._subDescription(), type(exc).__name__, one_line(exc)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if not isinstance(test, unittest.TestCase) or not hasattr(test, "_testMethodName"):
            self._emit(("skip %s %s" % (fixture_id(test), one_line(reason))).rstrip())
            return
        self._set(test, "skip", one_line(reason))

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._set(test, "fail", "unexpected success")


def filter_suite(suite, excluded):
    """Drops the tests whose id, or a dotted prefix of it, is in excluded."""
    kept = []
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            kept.append(filter_suite(t, excluded))
            continue
        tid = t.id()
        parts = tid.split(".")
        if any(".".join(parts[:i]) in excluded for i in range(1, len(parts) + 1)):
            continue
        kept.append(t)
    new = suite.__class__()  # keeps unittest.suite's class/module fixtures
    new.addTests(kept)
    return new


def only_suite(suite, patterns):
    """Keeps the tests whose id matches one of the patterns (modules.txt's
    ci=PATTERN,...: unittest's -k rule, a pattern without a wildcard matches
    as a substring)."""
    pats = [p if "*" in p else "*%s*" % p for p in patterns]
    kept = []
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            kept.append(only_suite(t, patterns))
        elif any(fnmatch.fnmatchcase(t.id(), p) for p in pats):
            kept.append(t)
    new = suite.__class__()
    new.addTests(kept)
    return new


# libregrtest calls a test method 26 frames deep (CPython 3.11, `python3 -m
# test`); a plain TextTestRunner from this script, 12.  Some tests count on
# the deeper stack: test_tracemalloc's test_snapshot takes any trace of the
# snapshot and asserts its traceback's total_nframe is over 10, so here it
# failed whenever that trace was made in unittest's own frames.  The suite
# runs below this many padding frames, so tests see libregrtest's depth.
REGRTEST_PADDING = 14


def nested(depth, fn):
    """fn() called `depth` frames deeper than nested's caller."""
    if depth <= 1:
        return fn()
    return nested(depth - 1, fn)


def main():
    results_path, name = sys.argv[1], sys.argv[2]
    sys.argv[1:] = []
    out = open(results_path, "a", encoding="utf-8")
    RecordingResult.out = out

    def module_failed(e, status="fail"):
        msg = one_line(e)
        if not isinstance(e, unittest.SkipTest):
            msg = "%s: %s" % (type(e).__name__, msg)
        out.write("%s %s.__import__ %s\n" % (status, name, msg))
        out.flush()

    try:
        from test import support
        support.use_resources = []
        support.verbose = 0
        # As libregrtest's setup_tests: a non-ASCII value in the environment
        # at all times (BPO-44647; test_regrtest checks it is there).
        from test.support.os_helper import TESTFN_UNDECODABLE, FS_NONASCII
        if TESTFN_UNDECODABLE and os.supports_bytes_environ:
            os.environb.setdefault(b"PYTHONREGRTEST_UNICODE_GUARD", TESTFN_UNDECODABLE)
        elif FS_NONASCII:
            os.environ.setdefault("PYTHONREGRTEST_UNICODE_GUARD", FS_NONASCII)
    except BaseException as e:  # test.support itself does not import
        module_failed(e)
        raise
    excluded = set()
    exclude_path = os.environ.get("PVM_REGRTEST_EXCLUDE")
    if exclude_path:
        with open(exclude_path, encoding="utf-8") as f:
            excluded = {line.strip() for line in f if line.strip()}
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=RecordingResult)
    ran = [0]

    only = [p for p in os.environ.get("PVM_REGRTEST_ONLY", "").split(",") if p]

    def run_suite(suite):
        if excluded:
            suite = filter_suite(suite, excluded)
        if only:
            suite = only_suite(suite, only)
        result = nested(REGRTEST_PADDING - 1, lambda: runner.run(suite))
        ran[0] += result.testsRun

    try:
        module = importlib.import_module(name)
    except unittest.SkipTest as e:  # the module skips itself whole
        module_failed(e, "skip")
        out.write("done 0\n")
        out.close()
        sys.exit(0)
    except BaseException as e:
        module_failed(e)
        traceback.print_exc(file=sys.stdout)
        out.write("done 0\n")
        out.close()
        sys.exit(0)
    if hasattr(module, "test_main"):
        # As libregrtest: a module's own test_main() chooses its tests
        # (test_decimal's C/Python variants); support.run_unittest() runs
        # them through run_suite.
        support._run_suite = run_suite
        try:
            module.test_main()
        except Exception as e:
            print("test_main: %s: %s" % (type(e).__name__, e))
    else:
        loader = unittest.TestLoader()
        try:
            suite = loader.loadTestsFromModule(module)
        except unittest.SkipTest as e:
            module_failed(e, "skip")
            suite = unittest.TestSuite()
        except BaseException as e:
            module_failed(e)
            raise
        for err in loader.errors:  # load_tests() failed: the rest still runs
            out.write("fail %s.load_tests %s\n" % (name, one_line(err)))
        out.flush()
        run_suite(suite)
    out.write("done %d\n" % ran[0])
    out.flush()
    sys.exit(0)


# Guarded: multiprocessing's spawn and forkserver children import the
# main script again (as __mp_main__), and must not run the tests.
if __name__ == "__main__":
    main()
