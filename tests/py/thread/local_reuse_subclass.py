# threading.local: a new thread never sees the values of a finished thread
# (OS thread ids are reused), a thread's values are dropped when it ends,
# and a subclass __init__ runs in each thread with the constructor's
# arguments without having to call local.__init__.
import threading
import time

loc = threading.local()
loc.x = "main"
seen = []


def visit(i):
    seen.append(getattr(loc, "x", None))
    loc.x = i


for i in range(30):
    t = threading.Thread(target=visit, args=(i,))
    t.start()
    t.join()
print("new threads saw:", set(seen))
print("main still has:", loc.x)

deleted = []


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        deleted.append(self.name)


def keep():
    loc.tracked = Tracked("t1")


t = threading.Thread(target=keep)
t.start()
t.join()
for _ in range(200):
    if deleted:
        break
    time.sleep(0.01)
print("dropped at thread end:", deleted)

inits = []


class Config(threading.local):
    def __init__(self, a, b=2):
        inits.append(threading.current_thread().name)
        self.a = a
        self.b = b


cfg = Config(1, b=3)
print("main:", cfg.a, cfg.b, inits)


def use_cfg(out):
    out.append((cfg.a, cfg.b))
    cfg.a = 99
    out.append(cfg.a)


out = []
t = threading.Thread(target=use_cfg, args=(out,), name="worker")
t.start()
t.join()
print("worker:", out, inits)
print("main after:", cfg.a)


class NoSuper(threading.local):
    def __init__(self):
        self.ready = True


ns = NoSuper()
res = []
t = threading.Thread(target=lambda: res.append((ns.ready, sorted(ns.__dict__))))
t.start()
t.join()
print("no super:", ns.ready, res)


class Plain(threading.local):
    pass


p = Plain()
p.v = 5
print("plain:", p.v, p.__dict__)

for ctor in (lambda: threading.local(1), lambda: threading.local(x=1), lambda: Plain(2)):
    try:
        ctor()
    except TypeError as e:
        print(type(e).__name__, e)

try:
    loc.__dict__ = {}
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del loc.missing
except AttributeError as e:
    print(type(e).__name__)
