# Scaling: threads only READ one shared dict and one shared list (ints and strings).
# Usage: shared_read_dict.py NTHREADS
import sys
import threading

SIZE = 5000
ROUNDS = 500

SHARED_DICT = {}
for _i in range(SIZE):
    SHARED_DICT[_i] = _i * 7
    SHARED_DICT["k" + str(_i)] = "v" + str(_i % 97)
SHARED_LIST = [i if i % 2 else "s" + str(i) for i in range(SIZE)]
STR_KEYS = ["k" + str(i) for i in range(SIZE)]


def worker(tid, results):
    d = SHARED_DICT
    lst = SHARED_LIST
    keys = STR_KEYS
    total = 0
    for r in range(ROUNDS):
        for i in range(SIZE):
            total += d[i]
            total += len(d[keys[i]])
            x = lst[i]
            if x.__class__ is int:
                total += x
            else:
                total += len(x)
        total += len(d) + len(lst)
    results[tid] = total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results = [None] * n
    threads = [threading.Thread(target=worker, args=(t, results)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
    print("shared_read_dict threads=%d per_thread=%d total=%d" % (n, results[0], sum(results)))


main()
