# Threads read, write and inspect a property while another keeps calling
# its __init__ again (CPython allows re-init) with fresh functions and
# docstrings, and __set_name__ with fresh names: each use must see a
# function that was set at some point, never freed memory.
import threading


def make(i):
    def get(self):
        return "g%d" % i

    def put(self, v):
        self.seen = v

    return get, put


class C:
    pass


get0, put0 = make(0)
C.p = property(get0, put0, None, "doc0")
c = C()
stop = threading.Event()
bad = []


def writer():
    p = C.__dict__["p"]
    for i in range(1, 20000):
        g, s = make(i)
        p.__init__(g, s, None, "doc%d" % i)
        p.__set_name__(C, "p%d" % i)
        if i % 3 == 0:
            p.__doc__ = "set%d" % i
    stop.set()


def reader():
    p = C.__dict__["p"]
    while not stop.is_set():
        r = c.p
        if not r.startswith("g"):
            bad.append(r)
        c.p = 1
        d = p.__doc__
        if not (d.startswith("doc") or d.startswith("set")):
            bad.append(d)
        if not p.fget(c).startswith("g"):
            bad.append("fget")
        if p.fset is None or p.fdel is not None:
            bad.append("fset/fdel")
        q = p.getter(p.fget)
        if not q.fget(c).startswith("g"):
            bad.append("copy")
        try:
            del c.p
        except AttributeError as e:
            if "deleter" not in str(e):
                bad.append(str(e))


ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
print("ok property_reinit_swap")
