# One writer grows a dict through many resizes while readers look up keys
# that are already present: a present key must always be found.
import threading

d = {0: 0}
done = threading.Event()
published = [0]
missing = []


def writer():
    for i in range(60000):
        d[i] = -i
        published[0] = i
    done.set()


def reader():
    while not done.is_set():
        n = published[0]
        for k in (0, n // 2, n):
            if d.get(k) != -k:
                missing.append(k)


rs = [threading.Thread(target=reader) for _ in range(3)]
w = threading.Thread(target=writer)
for t in rs: t.start()
w.start()
w.join()
for t in rs: t.join()
assert not missing, missing[:5]
assert len(d) == 60000
print("ok dict_resize_readers")
