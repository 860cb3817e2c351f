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
print("ok heapq_shared")
