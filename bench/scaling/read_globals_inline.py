# Scaling: a module-level lookup table, key list and weight list read by
# every thread inside one loop (globals loaded on every iteration).
# Usage: read_globals_inline.py NTHREADS
from _harness import run

TABLE = {"k%d" % i: i * 7 % 1000 for i in range(1000)}
KEYS = list(TABLE)
WEIGHTS = [i % 13 for i in range(1000)]
OFFSET = 17
UNITS = 4800


def worker():
    total = 0
    for _ in range(UNITS):
        for i in range(len(KEYS)):
            total += TABLE[KEYS[i]] * WEIGHTS[i] + OFFSET
    return total


run("read_globals_inline", worker)
