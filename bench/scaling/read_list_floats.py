# Scaling: a shared list of floats (heap objects) summed by hand.
# Usage: read_list_floats.py NTHREADS
from _harness import run

VALUES = [i * 0.25 + 0.5 for i in range(5000)]
ROUNDS = 2400


def worker():
    total = 0.0
    for _ in range(ROUNDS):
        for x in VALUES:
            total += x * 1.5
    return total


run("read_list_floats", worker)
