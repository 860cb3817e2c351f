# Scaling: each thread builds and queries its own private dict.
# Usage: private_dict.py NTHREADS
import sys
import threading

KEYS = 20000
ROUNDS = 35


def worker(tid, results):
    checksum = 0
    for r in range(ROUNDS):
        d = {}
        for i in range(KEYS):
            d[i] = i * 3 + r
            d["s" + str(i)] = i
        hits = 0
        for i in range(0, 2 * KEYS, 3):
            if i in d:
                hits += d[i]
            v = d.get("s" + str(i))
            if v is not None:
                hits += v
        for k in list(d)[::4]:
            del d[k]
        checksum += hits + len(d)
    results[tid] = checksum


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results = [None] * n
    threads = [threading.Thread(target=worker, args=(t, results)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
    print("private_dict threads=%d per_thread=%d total=%d" % (n, results[0], sum(results)))


main()
