# Scaling: iteration over a shared dict's items, keys and values.
# Usage: read_dict_items.py NTHREADS
from _harness import run

SHARED = {"key%d" % i: i * 3 % 1000 for i in range(3000)}
ROUNDS = 1000


def worker():
    total = 0
    for _ in range(ROUNDS):
        for k, v in SHARED.items():
            total += v + len(k)
        for v in SHARED.values():
            total -= v
    return total


run("read_dict_items", worker)
