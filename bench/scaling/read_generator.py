# Scaling: generators and a generator expression over a shared list.
# Usage: read_generator.py NTHREADS
from _harness import run

DATA = ["w%d" % (i % 300) for i in range(3000)]
ROUNDS = 1000


def lengths(seq):
    for s in seq:
        yield len(s)


def worker():
    total = 0
    for _ in range(ROUNDS):
        for n in lengths(DATA):
            total += n
        total += sum(1 for s in DATA if s[1] == "1")
    return total


run("read_generator", worker)
