# Threads read a module's attributes (plain, through a module __getattr__,
# __name__, __dict__, repr) while another keeps rebinding them to fresh
# objects and calling the module's __init__ again: every read gives a value
# that was set, never freed memory.
import threading

m = type(threading)("m0")
m.x = [0]
m.__getattr__ = lambda name: [0]
N = 5000
stop = threading.Event()
bad = []


def writer():
    for i in range(1, N):
        m.x = [i]
        m.__getattr__ = (lambda k: lambda name: [k])(i)
        if i % 4 == 0:
            m.__init__("m%d" % i)
    stop.set()


def reader():
    while not stop.is_set():
        if not 0 <= m.x[0] < N or not 0 <= m.missing[0] < N:
            bad.append("x")
        if not m.__name__.startswith("m") or not m.__dict__["__name__"].startswith("m"):
            bad.append("name")
        r = repr(m)
        if not r.startswith("<module 'm"):
            bad.append(r)


ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
assert m.x == [N - 1] and m.missing == [N - 1]
print("ok module_attr_rebind")
