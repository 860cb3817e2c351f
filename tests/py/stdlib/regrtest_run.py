# `python -m test` (CPython's libregrtest) and `python -m unittest` run by
# the interpreter under test (sys.executable): a small test module with a
# pass, a failure, an error, a skip, an expected failure and a failing
# subtest, then CPython's own test_bool; sequentially and in worker
# processes (-jN).  Prints the outcome lines and the
# summaries, without timings, load averages and the platform banner.
import os
import re
import subprocess
import sys
import tempfile

SAMPLE = '''\
import unittest


class Sample(unittest.TestCase):
    def test_pass(self):
        self.assertEqual(1 + 1, 2)

    def test_fail(self):
        self.assertEqual(1, 2)

    def test_error(self):
        raise KeyError('boom')

    @unittest.skip('not today')
    def test_skip(self):
        pass

    @unittest.expectedFailure
    def test_xfail(self):
        self.assertTrue(False)

    def test_subtests(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertNotEqual(i, 1)
'''

GOOD = '''\
import unittest


class Good(unittest.TestCase):
    def test_one(self):
        self.assertIn(2, [1, 2])

    def test_two(self):
        self.assertRaises(ZeroDivisionError, lambda: 1 / 0)
'''

DROP = re.compile(r"^(== CPython |== Linux|== cwd: |== CPU count|== encodings|"
                  r"Total duration: |0:00:\d\d load avg: [\d.]+ Run tests)")
PREFIX = re.compile(r"^\d+:\d\d:\d\d (load avg: [\d.]+ )?")


# libregrtest -jN's main loop waits PROGRESS_UPDATE (30 s) for the next
# result while any worker thread is alive.  A worker that has put its last
# result but not yet returned from run() is alive, and on a loaded machine
# (this suite runs beside other tests) the main thread can look at it just
# then, on CPython as on pvm, and wait the whole 30 s for nothing.  The -j
# runs go through this driver, which shortens that wait to 2 s: what is
# checked is the outcome, not libregrtest's pacing.
JDRIVER = ("import test.libregrtest.runtest_mp as m; m.PROGRESS_UPDATE = 2.0; "
           "from test.libregrtest import main; main()")


def run(args, cwd, tmp):
    if args[:2] == ["-m", "test"] and any(a.startswith("-j") for a in args):
        shown, args = args, ["-c", JDRIVER] + args[2:]
    else:
        shown = args
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=300)
    print("$ python", " ".join(shown).replace(tmp, "TMP"), "->", proc.returncode)
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if DROP.match(line):
            continue
        line = PREFIX.sub("", line)
        line = re.sub(r"^Ran (\d+) tests? in [\d.]+s$", r"Ran \1 tests", line)
        line = line.replace(tmp, "TMP")
        print("   ", line.rstrip())


with tempfile.TemporaryDirectory() as tmp:
    tmp = os.path.realpath(tmp)
    with open(os.path.join(tmp, "test_sample.py"), "w") as f:
        f.write(SAMPLE)
    with open(os.path.join(tmp, "test_good.py"), "w") as f:
        f.write(GOOD)
    run(["-m", "test", "--testdir", tmp, "-v", "test_sample"], tmp, tmp)
    run(["-m", "test", "--testdir", tmp, "test_good", "test_sample"], tmp, tmp)
    run(["-m", "test", "--testdir", tmp, "-q", "test_good"], tmp, tmp)
    # Worker processes (sys.executable -m test.regrtest --worker-args ...),
    # results coming back as JSON; one worker keeps the order fixed.
    run(["-m", "test", "--testdir", tmp, "-j1", "test_good", "test_sample"], tmp, tmp)
    run(["-m", "test", "--testdir", tmp, "-j2", "test_good"], tmp, tmp)
    run(["-m", "unittest", "-v", "test_sample"], tmp, tmp)
    run(["-m", "unittest", "test_good"], tmp, tmp)
    run(["-m", "test", "test_bool"], tmp, tmp)
    run(["-m", "unittest", "test.test_bool"], tmp, tmp)
