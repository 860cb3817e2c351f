#!/usr/bin/env python3
"""Run the classic benchmark programs (bench/classic/*.py) with pvm and CPython.

    python3 bench/classic/run.py                   # all programs, default sizes, 3 runs each
    python3 bench/classic/run.py nbody richards    # names containing "nbody" or "richards"
    python3 bench/classic/run.py --repeat 5 --json classic.json
    python3 bench/classic/run.py --check           # small sizes, outputs only (no timing)

Each program is first run once with both interpreters and its stdout compared
byte for byte; then the two are timed alternately (pvm, CPython, pvm, ...)
--repeat times and the minimum wall time of each is kept.  Ratio = pvm time /
CPython time (lower is better); the geometric mean covers the programs that
did not fail.  The timing helpers are those of bench/run.py.  See
bench/README.md.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

CLASSIC_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(CLASSIC_DIR.parent))
import run as bench  # noqa: E402  (bench/run.py)

DEFAULT_PYTHON = "/usr/bin/python3.11"

# Size argument (sys.argv[1]) used by --check: each program runs well under a
# second on pvm at this size.  Programs not listed run at their default size.
SMALL = {
    "chaos": 2000,
    "comprehensions": 3,
    "coroutines": 15,
    "deepcopy_bench": 50,
    "deltablue": 300,
    "fannkuch": 7,
    "float_bench": 5000,
    "generators": 12,
    "go": 3,
    "hexiom": 2,
    "json_bench": 5,
    "meteor_contest": 20,
    "nbody": 2000,
    "nqueens": 6,
    "pidigits": 300,
    "raytrace": 20,
    "regex_v8": 1,
    "richards": 1,
    "scimark": 1,
    "spectral_norm": 40,
    "unpack_sequence": 5000,
}


def programs(filters):
    progs = sorted(p for p in CLASSIC_DIR.glob("*.py")
                   if not p.name.startswith("_") and p.name != "run.py")
    if filters:
        progs = [p for p in progs if any(f in p.stem for f in filters)]
    return progs


def check_all(progs, args):
    failures = []
    for p in progs:
        size = [str(SMALL[p.stem])] if p.stem in SMALL else []
        t0 = time.perf_counter()
        reason = bench.check_outputs([args.pvm, str(p)] + size, [args.python, str(p)] + size,
                                     args.timeout)
        status = "ok" if reason is None else "FAIL"
        print("%-20s %-4s %6.2fs  %s" % (p.stem, status, time.perf_counter() - t0, reason or ""))
        sys.stdout.flush()
        if reason is not None:
            failures.append((p.stem, reason))
    print("%d of %d classic programs print what CPython prints" % (len(progs) - len(failures),
                                                                   len(progs)))
    return failures


def main():
    ap = argparse.ArgumentParser(
        description="Classic benchmarks: pvm vs CPython (ratio = pvm time / CPython time).")
    ap.add_argument("filter", nargs="*", help="only programs whose name contains one of these")
    ap.add_argument("--pvm", default=None, help="pvm binary (default: build/pvm in the repo root)")
    ap.add_argument("--python", default=None,
                    help="CPython binary (default %s if present, else the real binary behind "
                         "python3)" % DEFAULT_PYTHON)
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed runs per interpreter; the minimum is kept (default 3)")
    ap.add_argument("--check", action="store_true",
                    help="only compare outputs, at the small sizes (no timing)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="per-run timeout in seconds (default 600)")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")

    pvm = Path(args.pvm) if args.pvm else bench.REPO_ROOT / "build" / "pvm"
    if not pvm.is_file() or not os.access(str(pvm), os.X_OK):
        print("error: pvm binary not found or not executable: %s" % pvm, file=sys.stderr)
        print("       build it first (it should be at build/pvm) or pass --pvm PATH",
              file=sys.stderr)
        return 1
    args.pvm = str(pvm.resolve())
    if args.python is None and os.access(DEFAULT_PYTHON, os.X_OK):
        args.python = DEFAULT_PYTHON
    args.python, py_version = bench.resolve_python(args.python)
    print("pvm:     %s" % args.pvm)
    print("python3: %s" % args.python)
    print("         %s" % py_version)

    progs = programs(args.filter)
    if not progs:
        print("error: no classic program matched", file=sys.stderr)
        return 1
    if args.check:
        return 1 if check_all(progs, args) else 0

    failures = []
    results, gm = bench.run_single(progs, args, failures)
    if failures:
        print()
        print("FAILURES:")
        for name, reason in failures:
            print("  %-20s %s" % (name, reason))
    if args.json:
        report = {"pvm": args.pvm, "python": args.python, "python_version": py_version,
                  "repeat": args.repeat, "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                  "classic": results, "geomean_ratio": gm}
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print()
        print("results written to %s" % args.json)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
