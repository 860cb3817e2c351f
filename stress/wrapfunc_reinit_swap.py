# Threads call a staticmethod and a classmethod (through the class, an
# instance, __func__, __wrapped__ and repr) while another keeps calling their
# __init__ again with fresh functions, which rebinds __func__ as in CPython:
# each call must reach a function that was set at some point, never freed
# memory, and the last one set must win.
import threading


def make(i):
    def s():
        return i

    def c(cls):
        return (cls, i)

    return s, c


s0, c0 = make(0)


class C:
    sm = staticmethod(s0)
    cm = classmethod(c0)


N = 20000
stop = threading.Event()
bad = []


def writer():
    sm = C.__dict__["sm"]
    cm = C.__dict__["cm"]
    for i in range(1, N):
        s, c = make(i)
        sm.__init__(s)
        cm.__init__(c)
    stop.set()


def reader():
    o = C()
    sm = C.__dict__["sm"]
    cm = C.__dict__["cm"]
    while not stop.is_set():
        if not 0 <= C.sm() < N or not 0 <= o.sm() < N or not 0 <= sm() < N:
            bad.append("sm")
        k, i = o.cm()
        if k is not C or not 0 <= i < N:
            bad.append("cm")
        if not 0 <= sm.__func__() < N or not 0 <= sm.__wrapped__() < N:
            bad.append("__func__")
        if cm.__func__.__name__ != "c" or not repr(sm).startswith("<staticmethod("):
            bad.append("name/repr")


ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
assert C.sm() == N - 1 and C.cm() == (C, N - 1), (C.sm(), C.cm())
print("ok wrapfunc_reinit_swap")
