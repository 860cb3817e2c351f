# Scaling: a shared list of tuples, unpacked per item.
# Usage: read_list_tuples.py NTHREADS
from _harness import run

PAIRS = [("k%d" % i, i % 11, i * 0.5) for i in range(4000)]
ROUNDS = 1200


def worker():
    total = 0
    for _ in range(ROUNDS):
        for name, n, x in PAIRS:
            total += n + len(name)
            if x > 1000.0:
                total += 1
    return total


run("read_list_tuples", worker)
