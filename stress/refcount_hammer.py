# Many threads take and drop references to the same objects (owned by the
# main thread) in every way the VM counts them.
import threading

objs = [object(), "text" * 3, [1, 2], {"k": 1}, (1, 2, 3), 3.5, 10 ** 30]
N, ROUNDS = 8, 4000


def work():
    for r in range(ROUNDS):
        keep = []
        for o in objs:
            keep.append(o)
            x = o
            y = [o, o]
            z = {r: o}
        keep.clear()
        t = tuple(objs)
        del t


ts = [threading.Thread(target=work) for _ in range(N)]
for t in ts: t.start()
for t in ts: t.join()
assert objs[1] == "texttexttext" and objs[2] == [1, 2] and objs[6] == 10 ** 30
print("ok refcount_hammer")
