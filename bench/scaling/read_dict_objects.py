# Scaling: a shared dict of str -> object (instances and lists) read by key.
# Usage: read_dict_objects.py NTHREADS
from _harness import run


class Item:
    def __init__(self, i):
        self.price = i % 97
        self.tags = ["t%d" % (i % 5)]


ITEMS = {"item%d" % i: Item(i) for i in range(2000)}
NAMES = list(ITEMS)
ROUNDS = 1800


def worker():
    d = ITEMS
    total = 0
    for _ in range(ROUNDS):
        for name in NAMES:
            it = d[name]
            total += it.price + len(it.tags)
    return total


run("read_dict_objects", worker)
