# Threads race on one shared deque: producers append / appendleft distinct
# items while consumers pop / popleft from both ends and other threads
# iterate, index, count, rotate and copy it.  Nothing is lost or
# duplicated, iterators only ever fail with "deque mutated during
# iteration", and a bounded deque never exceeds its maxlen.
import threading
from _collections import deque

N, PER = 4, 4000
d = deque()
done = threading.Event()
taken = [[] for _ in range(N)]
errors = []


def producer(k):
    for i in range(PER):
        v = k * PER + i
        if i & 1:
            d.append(v)
        else:
            d.appendleft(v)


def consumer(out, left):
    while not done.is_set() or d:
        try:
            out.append(d.popleft() if left else d.pop())
        except IndexError:
            pass


def reader():
    while not done.is_set():
        try:
            for v in d:
                assert isinstance(v, int)
        except RuntimeError as e:
            if str(e) != "deque mutated during iteration":
                errors.append(repr(e))
        n = len(d)
        try:
            v = d[0] if n else None
            d.count(-1)
            (-1) in d
            repr(d)[:10]
            c = d.copy()
            assert len(c) >= 0
        except IndexError:
            pass
        except RuntimeError as e:
            if str(e) != "deque mutated during iteration":
                errors.append(repr(e))


def rotator():
    while not done.is_set():
        d.rotate(3)
        d.rotate(-3)


prods = [threading.Thread(target=producer, args=(k,)) for k in range(N)]
cons = [threading.Thread(target=consumer, args=(taken[k], k & 1 == 0)) for k in range(N)]
others = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=rotator)]
for t in prods + cons + others:
    t.start()
for t in prods:
    t.join()
done.set()
for t in cons + others:
    t.join()
got = [v for o in taken for v in o] + list(d)
assert not errors, errors[:3]
assert len(got) == N * PER, (len(got), N * PER)
assert sorted(got) == list(range(N * PER))

# A bounded deque under appends from both ends keeps exactly maxlen items,
# all of them ones that were appended.
b = deque(maxlen=50)


def bounded(k):
    for i in range(3000):
        if i & 1:
            b.append((k, i))
        else:
            b.appendleft((k, i))
        assert len(b) <= 50


ts = [threading.Thread(target=bounded, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert len(b) == 50 and len(set(b)) == 50, len(b)
assert all(0 <= k < N and 0 <= i < 3000 for k, i in b)

# extend / extendleft / clear / insert / remove racing, then a final check
# that the structure is still a consistent deque.
e = deque(range(100))


def churn(k):
    for i in range(1500):
        m = i % 5
        if m == 0:
            e.extend((k, i, j) for j in range(3))
        elif m == 1:
            e.extendleft([(k, i)])
        elif m == 2:
            try:
                e.insert(i % 7, (k, -i))
            except IndexError:
                pass
        elif m == 3:
            try:
                e.remove((k, -i + 1))
            except (ValueError, IndexError, RuntimeError):
                pass
        else:
            if len(e) > 500:
                e.clear()


ts = [threading.Thread(target=churn, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
items = list(e)
assert len(items) == len(e)
assert items == [e[i] for i in range(len(e))]
print("ok deque_shared")
