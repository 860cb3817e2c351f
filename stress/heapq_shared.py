# Threads push and pop on one shared heap list: every pop returns an item
# that was pushed, nothing is lost or duplicated, and the heap invariant
# holds whenever the threads stop.
import threading
from _heapq import heappush, heappop, heappushpop, heapreplace, heapify

N, PER = 4, 3000
heap = []
popped = [[] for _ in range(N)]


def worker(k):
    out = popped[k]
    for i in range(PER):
        v = (i * 7919 + k * 104729) % 100003 * N + k  # distinct per (k, i)
        heappush(heap, v)
        if i % 3 == 2:
            try:
                out.append(heappop(heap))
            except IndexError:
                pass


ts = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert all(heap[(i - 1) // 2] <= heap[i] for i in range(1, len(heap))), "heap invariant"
rest = []
while heap:
    rest.append(heappop(heap))
assert rest == sorted(rest)
got = [v for o in popped for v in o] + rest
assert len(got) == N * PER, (len(got), N * PER)
assert len(set(got)) == N * PER

# heappushpop / heapreplace / heapify racing on one list keep its length
# and its multiset of items consistent.
heap2 = list(range(1000))
heapify(heap2)
lock_free_total = sum(heap2)
swaps = [[] for _ in range(N)]


def swapper(k):
    for i in range(2000):
        v = 1000 + k * 2000 + i
        if i & 1:
            old = heappushpop(heap2, v)
        else:
            old = heapreplace(heap2, v)
        swaps[k].append((v, old))
        if i % 500 == 0:
            heapify(heap2)


ts = [threading.Thread(target=swapper, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert len(heap2) == 1000
pushed = [v for s in swaps for v, _ in s]
removed = [o for s in swaps for _, o in s]
assert sorted(heap2 + removed) == sorted(list(range(1000)) + pushed)
assert all(heap2[(i - 1) // 2] <= heap2[i] for i in range(1, len(heap2)))

# Items whose __lt__ is Python code run inside the heap's section; if a
# section is suspended meanwhile (the thread blocked), a sift may fail with
# "list changed size during iteration", but no item is ever lost or
# duplicated and nothing crashes.


class Item:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v


heap3 = []
pushed3 = [[] for _ in range(N)]
popped3 = [[] for _ in range(N)]
errors3 = []
lost3 = []


def py_worker(k):
    for i in range(1500):
        it = Item(k * 10000 + i)
        try:
            heappush(heap3, it)
        except RuntimeError as e:
            errors3.append(str(e))
        pushed3[k].append(it)
        if i % 2:
            try:
                popped3[k].append(heappop(heap3))
            except IndexError as e:
                errors3.append(str(e))
            except RuntimeError as e:
                # the sift failed after the item left the heap: it is gone
                errors3.append(str(e))
                lost3.append(1)


ts = [threading.Thread(target=py_worker, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert all(e in ("list changed size during iteration", "index out of range") for e in errors3), errors3[:3]
ids_in = sorted(it.v for p in pushed3 for it in p)
ids_out = sorted([it.v for p in popped3 for it in p] + [it.v for it in heap3])
assert len(set(ids_out)) == len(ids_out) and set(ids_out) <= set(ids_in)
assert len(ids_in) - len(ids_out) == len(lost3), (len(ids_in), len(ids_out), len(lost3))
print("ok heapq_shared")
