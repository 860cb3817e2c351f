#!/usr/bin/env python3
"""Runs the stress programs with pvm, each --runs times, and reports crashes,
hangs and failed invariants.  Every program prints "ok NAME" when all its
invariants held; anything else is a failure.

    python3 stress/run_stress.py --pvm build/pvm [--runs N] [--timeout S] [-j N] [filter...]
"""
import argparse
import concurrent.futures
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_one(pvm, path, timeout):
    name = os.path.basename(path)[:-3]
    t0 = time.monotonic()
    try:
        p = subprocess.run([pvm, path], capture_output=True, timeout=timeout, cwd=HERE)
    except subprocess.TimeoutExpired:
        return name, "HANG", "timeout after %ss" % timeout, time.monotonic() - t0
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    if p.returncode < 0:
        sig = signal.Signals(-p.returncode).name
        return name, "CRASH", "%s\n%s" % (sig, out[-2000:]), time.monotonic() - t0
    if p.returncode != 0 or out.strip() != "ok " + name:
        return name, "FAIL", "exit %d\n%s" % (p.returncode, out[-2000:]), time.monotonic() - t0
    return name, "ok", "", time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pvm", default=os.path.join(HERE, "..", "build", "pvm"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("-j", type=int, default=1)
    ap.add_argument("filter", nargs="*")
    a = ap.parse_args()
    a.pvm = os.path.abspath(a.pvm)  # programs run with stress/ as cwd
    if not os.path.exists(a.pvm):
        print("pvm binary not found: %s" % a.pvm)
        return 1
    progs = sorted(os.path.join(HERE, f) for f in os.listdir(HERE)
                   if f.endswith(".py") and f != "run_stress.py"
                   and not f.startswith("_")  # "_name.py": a helper the programs import
                   and (not a.filter or any(x in f for x in a.filter)))
    jobs = [p for _ in range(a.runs) for p in progs]
    counts = {}
    bad = []
    slowest = {}
    with concurrent.futures.ThreadPoolExecutor(a.j) as ex:
        for name, status, detail, secs in ex.map(lambda p: run_one(a.pvm, p, a.timeout), jobs):
            counts.setdefault(name, {"ok": 0, "FAIL": 0, "CRASH": 0, "HANG": 0})[status] += 1
            slowest[name] = max(slowest.get(name, 0.0), secs)
            if status != "ok":
                bad.append((name, status, detail))
                print("%s %s\n%s" % (status, name, detail))
    for name in sorted(counts):
        c = counts[name]
        print("%-24s ok %d  fail %d  crash %d  hang %d" % (name, c["ok"], c["FAIL"],
                                                            c["CRASH"], c["HANG"]))
    top = sorted(slowest.items(), key=lambda kv: -kv[1])[:3]
    print("slowest: " + ", ".join("%s %.1fs" % kv for kv in top))
    passed = sum(c["ok"] for c in counts.values())
    print("%d passed, %d failed" % (passed, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
