# -X tracemalloc[=N] and PYTHONTRACEMALLOC start tracing at start-up; bad
# values are fatal errors with CPython's messages.
import os
import subprocess
import sys

CODE = ("import tracemalloc; print(tracemalloc.is_tracing(), "
        "tracemalloc.get_traceback_limit())")


def run(xopts=(), env=None, flags=()):
    e = dict(os.environ)
    e.pop("PYTHONTRACEMALLOC", None)
    if env is not None:
        e["PYTHONTRACEMALLOC"] = env
    args = [sys.executable, *flags]
    for x in xopts:
        args += ["-X", x]
    p = subprocess.run(args + ["-c", CODE], env=e, capture_output=True, text=True)
    print(xopts, repr(env), flags, "rc", p.returncode, p.stdout.strip(), p.stderr.strip())


run()
run(["tracemalloc"])
run(["tracemalloc=5"])
run(["tracemalloc="])
run(["tracemalloc=abc"])
run(["tracemalloc=3x"])
run(env="0")
run(env="25")
run(env="x")
run(["tracemalloc=4"], env="9")
run(env="9", flags=["-E"])
run(["tracemalloc=2"], env="9", flags=["-E"])
