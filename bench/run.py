#!/usr/bin/env python3
"""pvm benchmark runner.

Times every benchmark program under bench/single/ with pvm and with CPython in
the same invocation, alternating the runs (pvm, python3, pvm, python3, ...) so
that machine noise is spread over both, and keeps the minimum wall time of each.

    python3 bench/run.py                      # all single-thread benchmarks
    python3 bench/run.py fib dict             # only names containing "fib" or "dict"
    python3 bench/run.py --repeat 5 --json out.json
    python3 bench/run.py --scaling            # also the threading scaling group
    python3 bench/run.py --scaling-only --threads 4

Ratio = pvm time / python3 time (lower is better).  Scaling speedup =
N * time(1 thread) / time(N threads), where every thread does the same fixed
amount of work (so N threads do N times the total work); N = perfect scaling.

See bench/README.md for details.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
SINGLE_DIR = BENCH_DIR / "single"
SCALING_DIR = BENCH_DIR / "scaling"


class RunFailure(Exception):
    pass


def resolve_python(override):
    """Return (path, version string) of the CPython binary to compare with.

    `python3` on PATH may be a wrapper script (pyenv shim etc.) that adds
    noticeable start-up time, so we ask it once for sys.executable and use the
    real binary from then on.
    """
    if override:
        exe = override
    else:
        try:
            out = subprocess.run(
                ["python3", "-c", "import sys; print(sys.executable)"],
                capture_output=True, text=True, check=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as e:
            sys.exit("error: could not run python3 to find the real CPython binary: %s" % e)
        exe = out.stdout.strip()
        if not exe:
            sys.exit("error: python3 reported an empty sys.executable")
    try:
        ver = subprocess.run(
            [exe, "-c", "import sys; print(sys.version.replace(chr(10), ' '))"],
            capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError) as e:
        sys.exit("error: cannot run python binary %s: %s" % (exe, e))
    return exe, ver


def run_once(cmd, timeout, capture):
    """Run cmd; return (wall seconds, stdout or None). Raise RunFailure on error."""
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, cwd=str(REPO_ROOT), timeout=timeout,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=subprocess.PIPE)
    except subprocess.TimeoutExpired:
        raise RunFailure("timeout after %gs" % timeout)
    except OSError as e:
        raise RunFailure("cannot execute: %s" % e)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        tail = err[-1] if err else ""
        raise RunFailure("exit status %d%s" % (proc.returncode, (": " + tail) if tail else ""))
    out = proc.stdout.decode("utf-8", "replace") if capture else None
    return elapsed, out


def first_difference(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<missing>"
        y = lb[i] if i < len(lb) else "<missing>"
        if x != y:
            return "output differs at line %d: pvm %r vs python3 %r" % (i + 1, x[:80], y[:80])
    return "output differs (line endings/trailing data)"


def check_outputs(pvm_cmd, py_cmd, timeout):
    """Run both once and compare stdout. Return None if OK, else a reason."""
    try:
        _, py_out = run_once(py_cmd, timeout, True)
    except RunFailure as e:
        return "python3 failed: %s" % e
    try:
        _, pvm_out = run_once(pvm_cmd, timeout, True)
    except RunFailure as e:
        return "pvm failed: %s" % e
    if pvm_out != py_out:
        return first_difference(pvm_out, py_out)
    return None


def timed_min(cmds, repeat, timeout):
    """Run the commands in round-robin order `repeat` times; return list of minimum times."""
    best = [math.inf] * len(cmds)
    for _ in range(repeat):
        for i, (label, cmd) in enumerate(cmds):
            try:
                t, _ = run_once(cmd, timeout, False)
            except RunFailure as e:
                raise RunFailure("%s failed while timing: %s" % (label, e))
            best[i] = min(best[i], t)
    return best


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def select(directory, filters):
    progs = sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))
    if filters:
        progs = [p for p in progs if any(f in p.stem for f in filters)]
    return progs


def fmt_t(t):
    return "%9.3f" % t if t is not None else "%9s" % "-"


def run_single(progs, args, failures):
    results = []
    print()
    print("Single-thread benchmarks (min of %d, seconds)" % args.repeat)
    hdr = "%-20s %9s %9s %8s" % ("program", "pvm", "python3", "ratio")
    print(hdr)
    print("-" * len(hdr))
    for p in progs:
        pvm_cmd = [args.pvm, str(p)]
        py_cmd = [args.python, str(p)]
        entry = {"name": p.stem, "status": "ok", "pvm": None, "python": None, "ratio": None}
        reason = check_outputs(pvm_cmd, py_cmd, args.timeout)
        if reason is None:
            try:
                t_pvm, t_py = timed_min([("pvm", pvm_cmd), ("python3", py_cmd)],
                                        args.repeat, args.timeout)
                entry.update(pvm=t_pvm, python=t_py, ratio=t_pvm / t_py)
            except RunFailure as e:
                reason = str(e)
        if reason is not None:
            entry.update(status="FAIL", error=reason)
            failures.append((p.stem, reason))
            print("%-20s %9s %9s %8s" % (p.stem, "", "", "FAIL"))
        else:
            print("%-20s %s %s %8.3f" % (p.stem, fmt_t(entry["pvm"]), fmt_t(entry["python"]),
                                         entry["ratio"]))
        sys.stdout.flush()
        results.append(entry)
    gm = geomean([r["ratio"] for r in results if r["status"] == "ok"])
    print("-" * len(hdr))
    nok = sum(1 for r in results if r["status"] == "ok")
    if gm is not None:
        print("%-20s %9s %9s %8.3f   (%d of %d programs)" % ("geometric mean", "", "", gm,
                                                            nok, len(results)))
    else:
        print("%-20s %9s %9s %8s" % ("geometric mean", "", "", "n/a"))
    return results, gm


def run_scaling(progs, args, failures):
    results = []
    n = args.threads
    print()
    print("Scaling benchmarks: 1 vs %d threads, same work per thread (min of %d, seconds)"
          % (n, args.repeat))
    print("speedup = %d * t(1) / t(%d); %d = perfect scaling" % (n, n, n))
    if n == 1:
        print("note: --threads is 1, so every speedup is trivially about 1")
    hdr = "%-20s | %9s %9s %7s | %9s %9s %7s | %8s" % (
        "program", "pvm t1", "pvm tN", "speedup", "py t1", "py tN", "speedup", "ratio@N")
    print(hdr)
    print("-" * len(hdr))
    for p in progs:
        entry = {"name": p.stem, "status": "ok", "threads": n}
        cmds = {
            ("pvm", 1): [args.pvm, str(p), "1"],
            ("python3", 1): [args.python, str(p), "1"],
            ("pvm", n): [args.pvm, str(p), str(n)],
            ("python3", n): [args.python, str(p), str(n)],
        }
        reason = None
        for k in sorted({1, n}):
            reason = check_outputs(cmds[("pvm", k)], cmds[("python3", k)], args.timeout)
            if reason is not None:
                reason = "%d thread(s): %s" % (k, reason)
                break
        if reason is None:
            order = [("pvm", 1), ("python3", 1), ("pvm", n), ("python3", n)]
            try:
                best = timed_min([("%s with %d thread(s)" % key, cmds[key]) for key in order],
                                 args.repeat, args.timeout)
                t = dict(zip(order, best))
                entry.update(
                    pvm_t1=t[("pvm", 1)], pvm_tN=t[("pvm", n)],
                    pvm_speedup=n * t[("pvm", 1)] / t[("pvm", n)],
                    python_t1=t[("python3", 1)], python_tN=t[("python3", n)],
                    python_speedup=n * t[("python3", 1)] / t[("python3", n)],
                    ratio_N=t[("pvm", n)] / t[("python3", n)])
            except RunFailure as e:
                reason = str(e)
        if reason is not None:
            entry.update(status="FAIL", error=reason)
            failures.append((p.stem + " (scaling)", reason))
            print("%-20s | %9s %9s %7s | %9s %9s %7s | %8s" % (
                p.stem, "", "", "FAIL", "", "", "", "FAIL"))
        else:
            print("%-20s | %s %s %7.2f | %s %s %7.2f | %8.3f" % (
                p.stem, fmt_t(entry["pvm_t1"]), fmt_t(entry["pvm_tN"]), entry["pvm_speedup"],
                fmt_t(entry["python_t1"]), fmt_t(entry["python_tN"]), entry["python_speedup"],
                entry["ratio_N"]))
        sys.stdout.flush()
        results.append(entry)
    ok = [r for r in results if r["status"] == "ok"]
    gm_pvm = geomean([r["pvm_speedup"] for r in ok])
    gm_py = geomean([r["python_speedup"] for r in ok])
    print("-" * len(hdr))
    if ok:
        print("%-20s | %9s %9s %7.2f | %9s %9s %7.2f |" % ("geometric mean", "", "", gm_pvm,
                                                          "", "", gm_py))
    return results, gm_pvm, gm_py


def main():
    ap = argparse.ArgumentParser(
        description="Benchmark pvm against CPython (ratio = pvm time / python3 time).")
    ap.add_argument("filter", nargs="*",
                    help="only run programs whose name contains one of these substrings")
    ap.add_argument("--pvm", default=None,
                    help="pvm binary (default: build/pvm in the repo root)")
    ap.add_argument("--python", default=None,
                    help="CPython binary to compare with (default: the real binary behind "
                         "python3 on PATH, found via sys.executable)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="timed runs per interpreter; the minimum is kept (default 3)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    ap.add_argument("--scaling", action="store_true",
                    help="also run the threading scaling benchmarks in bench/scaling/")
    ap.add_argument("--scaling-only", action="store_true",
                    help="run only the scaling benchmarks")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                    help="thread count N for scaling benchmarks (default: CPU count, %(default)s)")
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="per-run timeout in seconds (default 600)")
    args = ap.parse_args()

    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    if args.threads < 1:
        ap.error("--threads must be >= 1")

    pvm = Path(args.pvm) if args.pvm else REPO_ROOT / "build" / "pvm"
    if not pvm.is_file() or not os.access(str(pvm), os.X_OK):
        print("error: pvm binary not found or not executable: %s" % pvm, file=sys.stderr)
        print("       build it first (it should be at build/pvm) or pass --pvm PATH",
              file=sys.stderr)
        return 1
    args.pvm = str(pvm.resolve())

    args.python, py_version = resolve_python(args.python)
    print("pvm:     %s" % args.pvm)
    print("python3: %s" % args.python)
    print("         %s" % py_version)

    run_single_group = not args.scaling_only
    run_scaling_group = args.scaling or args.scaling_only
    single_progs = select(SINGLE_DIR, args.filter) if run_single_group else []
    scaling_progs = select(SCALING_DIR, args.filter) if run_scaling_group else []
    if not single_progs and not scaling_progs:
        print("error: no benchmark programs matched", file=sys.stderr)
        return 1

    failures = []
    report = {
        "pvm": args.pvm,
        "python": args.python,
        "python_version": py_version,
        "repeat": args.repeat,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if single_progs:
        single, gm = run_single(single_progs, args, failures)
        report["single"] = single
        report["geomean_ratio"] = gm
    if scaling_progs:
        scaling, gm_pvm, gm_py = run_scaling(scaling_progs, args, failures)
        report["threads"] = args.threads
        report["scaling"] = scaling
        report["geomean_speedup_pvm"] = gm_pvm
        report["geomean_speedup_python"] = gm_py

    if failures:
        print()
        print("FAILURES:")
        for name, reason in failures:
            print("  %-20s %s" % (name, reason))

    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print()
        print("results written to %s" % args.json)

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
