# Scaling: threads call one shared global function and instantiate one shared class.
# Usage: shared_global_func.py NTHREADS
import sys
import threading

WORK = 1500000


def combine(a, b):
    return (a * 31 + b) % 1000003


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def worker(tid, results):
    acc = 0
    for i in range(WORK):
        acc = combine(acc, i)
        p = Point(i, -acc)
        acc = combine(acc, p.norm1() & 1023)
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
    print("shared_global_func threads=%d per_thread=%d calls=%d" % (n, results[0], 3 * WORK * n))


main()
