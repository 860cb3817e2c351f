# Readers keep pointers they read out of shared objects -- tuple items,
# instance attributes, closure cells, bound methods' self -- in locals while
# they drop the object the pointer came from, hand it to another thread
# that drops it, or pack it into new tuples; writers keep replacing those
# objects.  Every item must be finalized exactly once, never while a reader
# still uses it (the value it reads back must be intact), and the live ones
# must still be referenced by the structures that hold them.
import queue
import sys
import threading
import time

N = 48
ROUNDS = 30000
# An RLock, because __del__ methods and weakref callbacks take it: they may run
# on any thread between any two instructions, inside that thread's own `with
# lock:` too (a collection, or a free deferred to an eval-breaker check), as
# in CPython; a plain Lock would then wait for itself.
lock = threading.RLock()
created = [0]
finalized = [0]


class Leaf:
    def __init__(self, k):
        self.k = k
        self.tag = "leaf%d" % k
        with lock:
            created[0] += 1

    def get(self):
        return self.k

    def __del__(self):
        with lock:
            finalized[0] += 1


def closure_over(leaf):
    def f():
        return leaf
    return f


def make(i):
    leaf = Leaf(i)
    return (leaf, leaf.tag, float(i), closure_over(leaf))


slots = [make(i) for i in range(N)]
leaves = [Leaf(i) for i in range(N)]
floats = [float(i) for i in range(N)]
holders = [Leaf(i) for i in range(N)]
for h in holders:
    h.child = Leaf(h.k)
del h
stop = threading.Event()
handoff = queue.Queue()
bad = []


def check(leaf, k):
    if leaf.k != k or leaf.tag != "leaf%d" % k or leaf.get() != k:
        bad.append(("corrupt", k))


def reader():
    kept = []
    r = 0
    while not stop.is_set():
        r += 1
        for i in range(N):
            leaf, tag, x, f = slots[i]   # tuple items
            t = slots[i]
            t = None                     # drop the tuple, keep its items
            check(leaf, int(x))
            if f() is not leaf:
                bad.append(("closure", i))
            h = holders[i]
            c = h.child                  # attribute of a shared instance
            m = c.get                    # bound method: self inside
            h = None
            check(c, m())
            if r % 7 == 0:
                kept.append((leaf, c))   # packed into a tuple of ours
            if r % 5 == 0:
                handoff.put(slots[i])    # another thread drops it
        # C functions reading the shared lists (their items may be credits).
        best = max(leaves, key=Leaf.get)
        check(best, best.k)
        low = min(leaves, key=Leaf.get)
        check(low, low.k)
        if sum(floats) < 0:
            bad.append(("sum",))
        kept.append(best)
        if len(kept) > 64:
            del kept[:32]
    kept.clear()


def writer():
    for r in range(ROUNDS):
        i = r % N
        slots[i] = make(i)
        h = Leaf(i)
        h.child = Leaf(i)
        holders[i] = h
        if r % 3 == 0:
            holders[(i + 1) % N].child = Leaf((i + 1) % N)
        leaves[i] = Leaf(i)
        floats[i] = float(i + r % 7)
    stop.set()


def dropper():
    while True:
        t = handoff.get()
        if t is None:
            break
        check(t[0], int(t[2]))
        t = None


readers = [threading.Thread(target=reader) for _ in range(3)]
d = threading.Thread(target=dropper)
w = threading.Thread(target=writer)
for t in readers + [d, w]:
    t.start()
w.join()
for t in readers:
    t.join()
handoff.put(None)
d.join()
assert not bad, bad[:5]
live = 4 * N  # holders and their children, one leaf per slot, the leaves list
for _ in range(2000):
    with lock:
        if finalized[0] == created[0] - live:
            break
    time.sleep(0.01)
assert finalized[0] == created[0] - live, (finalized[0], created[0], live)
for i in range(N):
    check(slots[i][0], i)
    check(holders[i].child, i)
    check(leaves[i], i)
print("ok credit_field_reads")
