# Scaling: attributes, class attributes and methods of one shared instance
# (self passed on every call).
# Usage: read_instance.py NTHREADS
from _harness import run


class Model:
    SCALE = 3
    BIAS = (1, 2, 3, 5, 8, 13, 21, 34)

    def __init__(self):
        self.offset = 7
        self.table = [i * 3 % 101 for i in range(256)]
        self.name = "model"

    def score(self, i):
        return self.table[i & 255] * self.SCALE + self.offset

    def bias(self, i):
        return self.BIAS[i & 7]


SHARED = Model()
WORK = 2400000


def worker():
    m = SHARED
    total = 0
    for i in range(WORK):
        total += m.score(i) + m.bias(i) + len(m.name)
    return total


run("read_instance", worker)
