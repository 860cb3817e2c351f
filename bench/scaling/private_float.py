# Scaling: each thread runs its own float loop on private data (no sharing).
# Usage: private_float.py NTHREADS
import sys
import threading

WORK = 2500000  # iterations per thread


def worker(tid, results):
    x = 0.5
    y = 0.25
    acc = 0.0
    i = 0
    while i < WORK:
        x = x * 1.0000001 + 0.5 / (1.0 + y * y)
        y = (y + x * 0.001) * 0.999
        acc += x * 0.5 - y
        if x > 1000.0:
            x = x * 0.001
        i += 1
    results[tid] = (i, acc)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results = [None] * n
    threads = [threading.Thread(target=worker, args=(t, results)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
    total = sum(r[0] for r in results)
    print("private_float threads=%d iterations=%d acc0=%.3f" % (n, total, results[0][1]))


main()
