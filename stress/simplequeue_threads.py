# Threads share one _queue.SimpleQueue: producers put, consumers get
# (blocking, with a timeout, non-blocking), and every item put is taken
# exactly once; qsize/empty are read meanwhile.
import threading
import _queue

P, C, N = 4, 4, 3000
q = _queue.SimpleQueue()
got = [[] for _ in range(C)]
errors = []
barrier = threading.Barrier(P + C)


def producer(k):
    barrier.wait()
    for i in range(N):
        q.put((k, i))
        if i % 500 == 0 and q.qsize() < 0:
            errors.append("qsize")


def consumer(k):
    barrier.wait()
    mine = got[k]
    try:
        while True:
            if len(mine) % 3 == 0:
                item = q.get()
            elif len(mine) % 3 == 1:
                item = q.get(timeout=10)
            else:
                try:
                    item = q.get_nowait()
                except _queue.Empty:
                    continue
            if item is None:
                return
            mine.append(item)
    except Exception as e:
        errors.append(repr(e))


ps = [threading.Thread(target=producer, args=(k,)) for k in range(P)]
cs = [threading.Thread(target=consumer, args=(k,)) for k in range(C)]
for t in ps + cs:
    t.start()
for t in ps:
    t.join()
for _ in cs:
    q.put(None)
for t in cs:
    t.join()
assert not errors, errors[:5]
allitems = sorted(x for g in got for x in g)
assert allitems == sorted((k, i) for k in range(P) for i in range(N)), len(allitems)
for g in got:  # one producer's items reach one consumer in order
    for k in range(P):
        seq = [i for (kk, i) in g if kk == k]
        assert seq == sorted(seq)
assert q.empty() and q.qsize() == 0
print("ok simplequeue_threads")
