# Readers call methods of a shared instance (LOAD_METHOD looks in the
# instance dict first), list dir(o), read o.__dict__, store attributes and
# read a function's __dict__ and __annotations__, while other threads
# replace or delete the whole __dict__ of both.  Every value seen must be
# one some dict held; nothing may be freed under a reader.
import threading


class C:
    def m(self):
        return "method"


def f():
    pass


o = C()
stop = threading.Event()
bad = []
N = 20000
go = threading.Barrier(4)


def swapper():
    go.wait()
    i = 0
    while not stop.is_set():
        i += 1
        if i % 5 == 0:
            del o.__dict__
        elif i % 3 == 0:
            o.__dict__ = {"m": lambda: "shadow", "k": i}
        else:
            o.__dict__ = {"k": "x" * (i % 11)}
        f.__dict__ = {"tag": i}
        if i % 7 == 0:
            f.__annotations__ = {"r": i}


def reader():
    go.wait()
    for _ in range(N):
        r = o.m()
        if r not in ("method", "shadow"):
            bad.append(r)
        d = o.__dict__
        if not isinstance(d, dict):
            bad.append(d)
        names = dir(o)
        if "m" not in names:
            bad.append(names)
        k = getattr(o, "k", 0)
        if not isinstance(k, (int, str)):
            bad.append(k)
        t = getattr(f, "tag", 0)
        if not isinstance(t, int):
            bad.append(t)
        if not isinstance(f.__annotations__, dict):
            bad.append("annotations")


def writer():
    go.wait()
    i = 0
    while not stop.is_set():
        o.w = i
        f.w = i
        i += 1


readers = [threading.Thread(target=reader) for _ in range(2)]
others = [threading.Thread(target=swapper), threading.Thread(target=writer)]
for t in readers + others:
    t.start()
for t in readers:
    t.join()
stop.set()
for t in others:
    t.join()
assert not bad, bad[:5]
print("ok instance_dict_method_swap")
