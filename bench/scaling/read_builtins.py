# Scaling: builtins over shared containers: sorted(), sum(), max(), min(),
# len(), in, list slicing.
# Usage: read_builtins.py NTHREADS
from _harness import run

NUMS = [(i * 7919) % 10007 for i in range(2000)]
FLOATS = [x * 0.5 for x in NUMS]
WORDS = ["w%d" % (i * 31 % 1000) for i in range(1000)]
ROUNDS = 600


def worker():
    total = 0
    for _ in range(ROUNDS):
        total += sorted(NUMS)[100]
        total += len(sorted(WORDS)[3])
        total += sum(NUMS) + int(sum(FLOATS))
        total += max(NUMS) - min(NUMS)
        total += len(NUMS[10:500])
        total += (5003 in NUMS) + ("w7" in WORDS)
    return total


run("read_builtins", worker)
