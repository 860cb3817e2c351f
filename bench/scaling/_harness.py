# Shared driver of the scaling programs: run(name, worker) starts N threads
# (N = sys.argv[1], default 1), each calling worker() with the same fixed
# amount of work, checks that every thread computed the same result, and
# prints one deterministic line (the runner compares it with CPython's).
import sys
import threading


def run(name, worker):
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results = [None] * n

    def body(tid):
        results[tid] = worker()

    threads = [threading.Thread(target=body, args=(t,)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results), results
    print("%s threads=%d per_thread=%r" % (name, n, results[0]))
