# Code that runs because an object died (a weakref callback, a __del__, a
# dropped generator's finally block) takes a Lock and allocates containers
# while it holds it.  An automatic collection started there would run the
# same code for the cycles it frees, on the same thread, and wait for the
# Lock forever.  pvm starts no automatic collection inside such code (it runs
# after the outermost one returns); gc.collect() still collects everything.
import gc
import threading
import weakref

lock = threading.Lock()
ran = {"callback": 0, "del": 0, "finally": 0}


def busy(kind):
    with lock:
        junk = [[i] for i in range(60)]  # enough containers to ask for a collection
        ran[kind] += 1
    return junk


class Box:
    pass


class Finalized:
    def __del__(self):
        busy("del")


def gen(keep):
    try:
        yield keep
    finally:
        busy("finally")


def on_death(_):
    busy("callback")


gc.set_threshold(10)
refs = []
N = 1500
for i in range(N):
    cyc = Box()
    cyc.me = cyc  # freed only by the collector
    refs.append(weakref.ref(cyc, on_death))
    plain = Box()  # freed when `del` drops it: its callback runs here
    refs.append(weakref.ref(plain, on_death))
    f = Finalized()
    f.me = f
    g = gen(None)
    next(g)
    holder = []
    g2 = gen(holder)  # a cycle through its frame
    next(g2)
    holder.append(g2)
    d = Finalized()
    del cyc, plain, f, g, g2, holder, d
gc.collect()
gc.collect()
print(ran == {"callback": 2 * N, "del": 2 * N, "finally": 2 * N}, ran)
print(all(r() is None for r in refs))
