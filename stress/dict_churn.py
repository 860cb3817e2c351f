# Writers insert and delete keys (forcing resizes) while readers look them
# up: every value read is consistent with its key, and the final contents
# are exactly what the writers left.
import threading

WRITERS, READERS, KEYS = 4, 4, 4000
d = {}
stop = threading.Event()
errors = []


def writer(w):
    for rnd in range(3):
        for i in range(w, KEYS, WRITERS):
            d[i] = i * 2
            d["s%d" % i] = str(i)
        for i in range(w, KEYS, WRITERS):
            if i % 3 == rnd % 3:
                del d[i]
                d.pop("s%d" % i, None)
    for i in range(w, KEYS, WRITERS):
        d[i] = i * 2


def reader():
    while not stop.is_set():
        for i in range(0, KEYS, 7):
            v = d.get(i)
            if v is not None and v != i * 2:
                errors.append((i, v))
            s = d.get("s%d" % i)
            if s is not None and s != str(i):
                errors.append((i, s))
        len(d)
        list(d.items())[:3]


rs = [threading.Thread(target=reader) for _ in range(READERS)]
ws = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
for t in rs + ws: t.start()
for t in ws: t.join()
stop.set()
for t in rs: t.join()
assert not errors, errors[:5]
for i in range(KEYS):
    assert d[i] == i * 2
print("ok dict_churn")
