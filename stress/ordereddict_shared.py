# Threads race on shared OrderedDicts (modules/odict.c).
#
# od: each worker owns a range of int keys; it inserts them, moves them to
# either end, deletes and re-inserts some, and at the end moves its
# survivors to the end in ascending order.  All workers also fight over a
# few shared str keys (set, move both ways, delete).  Readers meanwhile
# look up "pinned" keys that are moved but never deleted (the lock-free
# lookup must always find them, even while move_to_end relocates them),
# iterate forwards and backwards (only the two OrderedDict RuntimeErrors
# are allowed), copy, and compare views.
# q: producers add unique tokens, consumers popitem() from both ends and
# move_to_end both ways; every token comes out exactly once.
# At the end every key that should be in od is there exactly once, each
# worker's keys are in ascending order, and forward, reverse, keys, items
# and a copy all agree.
import threading
from _collections import OrderedDict

N, PER, SHARED = 4, 1200, 16
od = OrderedDict()
q = OrderedDict()
done = threading.Event()
errors = []
ALLOWED = ("OrderedDict mutated during iteration", "OrderedDict changed size during iteration")


def key(k, i):
    return k * 100000 + i


def pinned(i):
    return i % 4 == 0


def worker(k):
    rnd = k * 7919 + 1
    for r in range(3 * PER):
        rnd = (rnd * 1103515245 + 12345) & 0x7FFFFFFF
        i = rnd % PER
        op = (rnd >> 8) % 6
        kk = key(k, i)
        if op == 0:
            od.move_to_end(kk)
        elif op == 1:
            od.move_to_end(kk, last=False)
        elif op == 2 and not pinned(i):
            v = od.pop(kk, None)
            od[kk] = v if v is not None else i
        elif op == 3:
            s = "s%d" % (rnd % SHARED)
            od[s] = k
        elif op == 4:
            s = "s%d" % (rnd % SHARED)
            try:
                od.move_to_end(s, last=bool(rnd & 1))
            except KeyError:
                pass
        else:
            s = "s%d" % (rnd % SHARED)
            try:
                del od[s]
            except KeyError:
                pass
            od.setdefault(kk, i)
    for i in range(PER):
        if i % 2 and not pinned(i):
            del od[key(k, i)]
    for i in range(PER):
        if i % 2 == 0:
            od.move_to_end(key(k, i))


def reader():
    n = 0
    while not done.is_set():
        k, i = n % N, (n * 4) % PER
        n += 1
        try:
            if od[key(k, i)] != i:
                errors.append("pinned value changed")
        except KeyError:
            errors.append("pinned key %d missing" % key(k, i))
        try:
            seen = set()
            for x in (od if n & 1 else reversed(od)):
                if x in seen:
                    errors.append("key %r seen twice" % (x,))
                seen.add(x)
        except RuntimeError as e:
            if str(e) not in ALLOWED:
                errors.append(repr(e))
        c = od.copy()
        if type(c) is not OrderedDict or len(list(c)) != len(c):
            errors.append("bad copy")
        if n % 8 == 0:
            items = list(c.items())
            if [a for a, _ in items] != list(c.keys()) or list(reversed(c)) != list(c)[::-1]:
                errors.append("copy views disagree")


def producer(k):
    for i in range(PER):
        q[("t", k, i)] = i
        if i % 3 == 0:
            try:
                q.move_to_end(("t", k, i - 1), last=bool(i & 1))
            except KeyError:
                pass


def consumer(out, last):
    while not done.is_set() or q:
        try:
            out.append(q.popitem(last=last)[0])
        except KeyError:
            pass


for k in range(N):
    for i in range(PER):
        od[key(k, i)] = i
ws = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
rs = [threading.Thread(target=reader) for _ in range(2)]
ps = [threading.Thread(target=producer, args=(k,)) for k in range(2)]
outs = [[] for _ in range(2)]
cs = [threading.Thread(target=consumer, args=(outs[j], j == 0)) for j in range(2)]
for t in ws + rs + ps + cs:
    t.start()
for t in ws + ps:
    t.join()
done.set()
for t in rs + cs:
    t.join()

assert not errors, errors[:5]
keys = list(od)
assert len(keys) == len(od) == len(set(keys)), (len(keys), len(od))
assert keys == [a for a, _ in od.items()] == list(od.keys())
assert list(reversed(od)) == keys[::-1]
assert list(od.copy()) == keys
assert set(dict.keys(od)) == set(keys)
for k in range(N):
    want = [key(k, i) for i in range(PER) if i % 2 == 0 or pinned(i)]
    mine = [x for x in keys if isinstance(x, int) and x // 100000 == k]
    assert sorted(mine) == want, (k, len(mine), len(want))
    evens = [x for x in mine if (x % 100000) % 2 == 0]
    assert evens == sorted(evens), k
assert all(isinstance(x, int) or x.startswith("s") for x in keys)
popped = outs[0] + outs[1]
assert len(popped) == len(set(popped)) == 2 * PER, (len(popped), len(set(popped)))
assert not q
print("ok ordereddict_shared")
