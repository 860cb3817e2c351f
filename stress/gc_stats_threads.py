# One thread collects in a loop while others read the collector's
# statistics (gc.get_stats, gc.get_count) and make cycles: the counters the
# collector updates after each collection are read by other threads without
# a pause, so they must be read and written atomically (TSan).  The counts
# read must never go down.
import gc
import threading

stop = threading.Event()
errors = []


class Node:
    pass


def collector():
    while not stop.is_set():
        gc.collect(0)
        gc.collect()


def reader():
    last = [0, 0, 0]
    for _ in range(3000):
        stats = gc.get_stats()
        for g in range(3):
            c = stats[g]["collections"]
            if c < last[g]:
                errors.append((g, last[g], c))
            last[g] = c
        gc.get_count()


def cycles():
    while not stop.is_set():
        a = Node()
        a.self = a


threads = [threading.Thread(target=reader) for _ in range(2)]
others = [threading.Thread(target=collector), threading.Thread(target=cycles)]
for t in others + threads:
    t.start()
for t in threads:
    t.join()
stop.set()
for t in others:
    t.join()
assert not errors, errors[:5]
print("ok gc_stats_threads")
