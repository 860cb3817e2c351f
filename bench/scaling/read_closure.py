# Scaling: closures over shared data (cells read by every thread).
# Usage: read_closure.py NTHREADS
from _harness import run


def make():
    table = [i * 5 % 17 for i in range(512)]
    scale = 3
    names = {"a": 1, "b": 2}

    def get(i):
        return table[i & 511] * scale + names["a"]
    return get


GET = make()
WORK = 4000000


def worker():
    g = GET
    total = 0
    for i in range(WORK):
        total += g(i)
    return total


run("read_closure", worker)
