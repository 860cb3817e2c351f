# Readers take references to items of a shared list and dict in every way
# the interpreter can (indexing, iteration, copies between variables,
# tuples, generators, queues to another thread that drops them) while a
# writer keeps replacing the items.  Reference counts must balance exactly:
# every object is finalized exactly once, the live ones are all still
# referenced, and each live item has exactly the references the program
# holds (sys.getrefcount).
import queue
import sys
import threading
import time

N = 64
ROUNDS = 2000
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
        with lock:
            created[0] += 1

    def __del__(self):
        with lock:
            finalized[0] += 1


shared = [Item(i) for i in range(N)]
table = {i: shared[i] for i in range(N)}
table.update(("s%d" % i, shared[i]) for i in range(N))
stop = threading.Event()
sink = queue.Queue()
bad = []


def items_of(seq):
    for x in seq:
        yield x


def reader(seed):
    kept = []
    r = 0
    while not stop.is_set():
        r += 1
        for i in range(N):
            a = shared[i]
            b = table[i]
            c = table["s%d" % ((i + seed) % N)]
            d = a  # a register copy
            t = (a, b, c, d)
            if not (isinstance(a, Item) and isinstance(t[3], Item)):
                bad.append(("type", i))
            if i % 7 == 0:
                kept.append(t)
            if i % 5 == 0:
                sink.put(b)  # another thread drops it
            if i % 3 == 0:
                sink.put(t)  # a tuple built from registers, dropped elsewhere
        for x in items_of(shared):
            if x.k < 0:
                bad.append(("k", x.k))
        if len(kept) > 200:
            del kept[:100]
    sink.put(None)


def dropper(nreaders):
    done = 0
    while done < nreaders:
        x = sink.get()
        if x is None:
            done += 1
        del x


def writer():
    for r in range(ROUNDS):
        for i in range(N):
            new = Item(i)
            shared[i] = new
            table[i] = new
            table["s%d" % i] = new
        time.sleep(0)
    stop.set()


readers = [threading.Thread(target=reader, args=(s,)) for s in range(3)]
drop = threading.Thread(target=dropper, args=(len(readers),))
w = threading.Thread(target=writer)
for t in readers + [drop, w]:
    t.start()
for t in readers + [drop, w]:
    t.join()
del t
assert not bad, bad[:5]

# Deferred releases finish after a grace period: give them a moment.
for _ in range(100):
    with lock:
        live = created[0] - finalized[0]
    if live == N:
        break
    time.sleep(0.01)
with lock:
    assert created[0] == N * (ROUNDS + 1), created[0]
    assert created[0] - finalized[0] == N, (created[0], finalized[0])
# join() returns when a thread's Python code is done; the thread may still
# be detaching, releasing its last deferred references (a grace period that
# needs this thread's quiescent states): wait for the counts to settle too.
def counts():
    res = []
    for i in range(N):
        x = shared[i]
        assert table[i] is x and table["s%d" % i] is x
        # shared[i], table[i], table["s%d"], x, and getrefcount's argument
        res.append(sys.getrefcount(x))
    return res


for _ in range(1000):
    c = counts()
    if c == [5] * N:
        break
    time.sleep(0.01)
assert c == [5] * N, [(i, n) for i, n in enumerate(c) if n != 5][:5]
print("ok shared_read_refcounts")
