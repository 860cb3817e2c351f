# Scaling: a small function called per item that reads module globals.
# Usage: read_globals_func.py NTHREADS
from _harness import run

KEYS = ["k%d" % i for i in range(1000)]
WEIGHTS = [i % 13 for i in range(1000)]
OFFSET = 17
UNITS = 6000


def f(i):
    return WEIGHTS[i] + OFFSET


def worker():
    total = 0
    for _ in range(UNITS):
        for i in range(len(KEYS)):
            total += f(i)
    return total


run("read_globals_func", worker)
