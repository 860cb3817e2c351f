# Threads race on one shared defaultdict: they count keys through
# __missing__ (d[k] += 1 is not atomic, so only the set of keys is
# checked), append to lists the factory made, read and rebind
# default_factory, copy and repr it.  Nothing crashes, every key appears,
# every value has the type one of the factories makes.
import threading
from _collections import defaultdict

N, PER = 4, 3000
d = defaultdict(list)
done = threading.Event()


def worker(k):
    for i in range(PER):
        key = (i * 31 + k) % 500
        v = d[key]
        if isinstance(v, list):
            v.append(k)
        d.get(key)
        if i % 100 == 0:
            c = d.copy()
            assert isinstance(c, defaultdict)
            repr(c)[:10]


def rebinder():
    while not done.is_set():
        d.default_factory = list
        f = d.default_factory
        assert f is list or f is tuple
        d.default_factory = tuple


ts = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
rb = threading.Thread(target=rebinder)
rb.start()
for t in ts:
    t.start()
for t in ts:
    t.join()
done.set()
rb.join()
assert sorted(d) == list(range(500)), len(d)
assert all(type(v) in (list, tuple) for v in d.values())
print("ok defaultdict_shared")
