# Scaling: a shared object (a str read from a global list) passed as the
# argument of a function per item.
# Usage: read_globals_arg.py NTHREADS
from _harness import run

KEYS = ["k%d" % i for i in range(1000)]
OFFSET = 17
UNITS = 6000


def g(k):
    return OFFSET


def worker():
    total = 0
    for _ in range(UNITS):
        for i in range(len(KEYS)):
            total += g(KEYS[i])
    return total


run("read_globals_arg", worker)
