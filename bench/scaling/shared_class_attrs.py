# Scaling: threads read attributes of one shared class and one shared instance
# (class constants, a class-level tuple and dict, a property, a staticmethod).
# Usage: shared_class_attrs.py NTHREADS
import sys
import threading

WORK = 1000000


class Config:
    SCALE = 3
    NAME = "config"
    WEIGHTS = (1, 2, 3, 5, 8, 13, 21, 34)
    LABELS = {0: "zero", 1: "one", 2: "two", 3: "three"}

    def __init__(self):
        self.offset = 7
        self.title = "shared"

    @property
    def doubled(self):
        return self.offset * 2

    @staticmethod
    def mix(a, b):
        return (a * 31 + b) & 0xFFFF


SHARED = Config()


def worker(tid, results):
    c = SHARED
    acc = 0
    for i in range(WORK):
        w = Config.WEIGHTS[i & 7]
        acc = Config.mix(acc, w * Config.SCALE + c.offset)
        acc += len(Config.LABELS[i & 3]) + len(c.title) + len(Config.NAME)
        acc += c.doubled
    results[tid] = acc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results = [None] * n
    threads = [threading.Thread(target=worker, args=(t, results)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
    print("shared_class_attrs threads=%d per_thread=%d" % (n, results[0]))


main()
