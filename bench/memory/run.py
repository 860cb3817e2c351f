#!/usr/bin/env python3
"""Peak resident memory of pvm and CPython on the same programs.

Runs each program of bench/memory/ with 1 and 2 threads (or --threads),
under pvm and under the real CPython binary, `--repeat` times each, and
prints the peak RSS (the child's ru_maxrss, from wait4) in MB, the best
and worst of the repeats, the wall time, and pvm/CPython ratios of the
best peaks.  Memory is reported, never asserted: this is a benchmark.

    python3 bench/memory/run.py --pvm build/pvm [--repeat 3] [--threads 1,2]
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = ["cycles.py", "class_per_call.py"]


def real_python():
    out = subprocess.run(["/usr/bin/python3.11", "-c", "import sys; print(sys.executable)"],
                         capture_output=True, text=True)
    return out.stdout.strip() or "/usr/bin/python3.11"


def measure(cmd, env=None):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0 or not out.startswith(b"ok "):
        sys.exit("failed: %s\n%s" % (" ".join(cmd), out.decode(errors="replace")))
    return ru.ru_maxrss / 1024.0, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pvm", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--only", default="", help="run only programs whose name contains this")
    a = ap.parse_args()
    py = real_python()
    print("peak RSS in MB (best-worst of %d), wall s of the best; CPython is %s"
          % (a.repeat, py))
    print("%-18s %3s  %-15s %6s  %-15s %6s  %s" %
          ("program", "thr", "pvm MB", "s", "CPython MB", "s", "pvm/CPython"))
    for prog in PROGRAMS:
        if a.only not in prog:
            continue
        for th in [int(x) for x in a.threads.split(",")]:
            res = {}
            for name, exe in (("pvm", a.pvm), ("cpy", py)):
                runs = [measure([exe, os.path.join(HERE, prog), str(th)])
                        for _ in range(a.repeat)]
                runs.sort()
                res[name] = (runs[0][0], runs[-1][0], runs[0][1])
            p, c = res["pvm"], res["cpy"]
            print("%-18s %3d  %6.1f-%-8.1f %6.2f  %6.1f-%-8.1f %6.2f  %.2f" %
                  (prog[:-3], th, p[0], p[1], p[2], c[0], c[1], c[2], p[0] / c[0]))


if __name__ == "__main__":
    main()
