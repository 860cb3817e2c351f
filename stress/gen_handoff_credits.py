# Generators over shared objects are started on one thread and finished on
# another: each worker takes a half-consumed generator from a queue, steps
# it, and passes it on.  The frames hold references the first thread loaded
# as register credits; the next thread must not touch them before those are
# paid.  Every item must come out intact, each generator must produce its
# sequence exactly once in order, and every object must be finalized once.
import queue
import threading
import time

WORKERS = 3
GENS = 4000
LEN = 12
# An RLock, because __del__ methods and weakref callbacks take it: they may run
# on any thread between any two instructions, inside that thread's own `with
# lock:` too (a collection, or a free deferred to an eval-breaker check), as
# in CPython; a plain Lock would then wait for itself.
lock = threading.RLock()
created = [0]
finalized = [0]


class Item:
    def __init__(self, k):
        self.k = k
        self.box = [k]
        with lock:
            created[0] += 1

    def __del__(self):
        with lock:
            finalized[0] += 1


def walk(items, tag):
    for it in items:
        pair = (it, tag)     # more references in the frame's registers
        yield pair[0].box[0], pair[1]


shared = [[Item(g * LEN + i) for i in range(LEN)] for g in range(GENS)]
bad = []
q = queue.Queue()
done = queue.Queue()


def worker(w):
    while True:
        job = q.get()
        if job is None:
            break
        g, gen, expect = job
        try:
            for _ in range(3):
                v, tag = next(gen)
                if v != g * LEN + expect or tag != "g%d" % g:
                    bad.append((g, v, expect))
                expect += 1
        except StopIteration:
            done.put(g)
            continue
        if expect == LEN:
            done.put(g)
            continue
        q.put((g, gen, expect))


for g in range(GENS):
    q.put((g, walk(shared[g], "g%d" % g), 0))
threads = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
for t in threads:
    t.start()
finished = set()
while len(finished) < GENS:
    finished.add(done.get())
for _ in threads:
    q.put(None)
for t in threads:
    t.join()
assert not bad, bad[:5]
shared = None
for _ in range(2000):
    with lock:
        if finalized[0] == created[0]:
            break
    time.sleep(0.01)
assert finalized[0] == created[0], (finalized[0], created[0])
print("ok gen_handoff_credits")
