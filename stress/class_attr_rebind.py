# Threads read attributes of instances whose class keeps having its dunders
# and plain attributes rebound to fresh functions by another thread
# (C.__getattr__ = ..., C.__call__ = ..., C.__new__ = ..., C.m = ...): a
# lookup may see the old or the new function, never freed memory, and only
# a value that was set.
import threading
import time


def make(i):
    def getattr_(self, name):
        return i

    def call(self):
        return i

    def meth(self):
        return i

    def new(cls):
        o = object.__new__(cls)
        o.made = i
        return o

    return getattr_, call, meth, new


class C:
    def __getattribute__(self, name):
        # Python code (and a blocking call: a quiescent state) between the
        # lookup of __getattr__ and its call.
        time.sleep(0.002)
        raise AttributeError(name)


C.__getattr__, C.__call__, C.m, C.__new__ = make(0)
N = 1 << 30
last = [0]
stop = threading.Event()
bad = []


def writer():
    end = time.monotonic() + 0.5
    i = 0
    while time.monotonic() < end:
        i += 1
        C.__getattr__, C.__call__, C.m, C.__new__ = make(i)
    last[0] = i
    stop.set()


def reader():
    o = C()
    while not stop.is_set():
        if not 0 <= o.anything < N:
            bad.append("getattr")
        if not 0 <= o() < N:
            bad.append("call")
        f = C.m
        if not 0 <= f(o) < N:
            bad.append("m")
        if not 0 <= C().made < N:
            bad.append("new")


ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
assert C().anything == last[0] and C()() == last[0] and C().made == last[0]
print("ok class_attr_rebind")
