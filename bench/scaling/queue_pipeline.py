# Scaling: producer -> N worker threads -> consumer, connected by queue.Queue.
# The producer emits ITEMS * N items, i.e. the same average amount per worker.
# Usage: queue_pipeline.py NTHREADS
import queue
import sys
import threading

ITEMS = 22000     # items per worker
BATCH = 10        # numbers per item
STOP = None


def producer(inq, n):
    for i in range(ITEMS * n):
        inq.put(list(range(i, i + BATCH)))
    for _ in range(n):
        inq.put(STOP)


def work(batch):
    # some CPU work per item so workers dominate the queue overhead
    s = 0
    for x in batch:
        y = x
        for _ in range(20):
            y = (y * 1103515245 + 12345) & 0xFFFFFFF
        s += y & 0xFFFF
    return s


def worker(inq, outq):
    done = 0
    while True:
        item = inq.get()
        if item is STOP:
            break
        outq.put(work(item))
        done += 1
    outq.put(STOP)


def consumer(outq, n, result):
    finished = 0
    count = 0
    total = 0
    while finished < n:
        v = outq.get()
        if v is STOP:
            finished += 1
        else:
            count += 1
            total += v
    result.append((count, total))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    inq = queue.Queue(maxsize=256)
    outq = queue.Queue(maxsize=256)
    result = []
    threads = [threading.Thread(target=producer, args=(inq, n))]
    threads += [threading.Thread(target=worker, args=(inq, outq)) for _ in range(n)]
    threads.append(threading.Thread(target=consumer, args=(outq, n, result)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    count, total = result[0]
    print("queue_pipeline threads=%d items=%d checksum=%d" % (n, count, total))


main()
