# Several threads build and drop deep chains at the same time (every kind of
# link: containers, instances, __slots__, closure cells, bound methods,
# descriptors, iterators, generators, exceptions), and hand chains to one
# another so that the last reference to a chain another thread built (and
# owns) is dropped by a different thread, after the receiver has walked
# part of it, or built half a chain on top of it (the bottom half then goes
# back to its owner's merge queue).  Dropping must never overflow the C
# stack, and every __del__ of every chain must run exactly once.
# Some kinds here crash CPython 3.11 itself (bound methods, bare cells,
# classmethod/staticmethod/property, enumerate, slice chains), which is why
# they live here and not in tests/py/limits_dealloc.
import threading
import time

N = 120000  # links per chain: deep enough to overflow an 8 MiB thread stack
ROUNDS = 1
WORKERS = 3

# An RLock, because __del__ methods and weakref callbacks take it: they may run
# on any thread between any two instructions, inside that thread's own `with
# lock:` too (a collection, or a free deferred to an eval-breaker check), as
# in CPython; a plain Lock would then wait for itself.
lock = threading.RLock()
finalized = [0]
bad = []


class Fin:
    __slots__ = ("next",)

    def __del__(self):
        with lock:
            finalized[0] += 1


class Slotted:
    __slots__ = ("next",)


class Plain:
    pass


class M:
    def m(self):
        pass


def cell_of(prev):
    def f():
        return prev
    return f.__closure__[0]


def gen_of(prev):
    yield 1
    yield prev


def build(kind, n, x=None):
    for i in range(n):
        if kind == "list":
            x = [x]
        elif kind == "tuple":
            x = (x, i)
        elif kind == "dict":
            x = {"k": x}
        elif kind == "slots":
            o = Slotted()
            o.next = x
            x = o
        elif kind == "instance":
            o = Plain()
            o.next = x
            x = o
        elif kind == "cell":
            x = cell_of(x)
        elif kind == "method":
            x = M.m.__get__(x if x is not None else M())
        elif kind == "classmethod":
            x = classmethod(x)
        elif kind == "staticmethod":
            x = staticmethod(x)
        elif kind == "property":
            x = property(x)
        elif kind == "enumerate":
            x = enumerate([] if x is None else x)
        elif kind == "filter":
            x = filter(None, [] if x is None else x)
        elif kind == "slice":
            x = slice(x)
        elif kind == "generator":
            g = gen_of(x)
            next(g)
            x = g
        elif kind == "exception":
            e = ValueError(i)
            e.__context__ = x
            x = e
        elif kind == "finalizer":
            o = Fin()
            o.next = x
            x = o
    return x


KINDS = ["list", "tuple", "dict", "slots", "instance", "cell", "method", "classmethod",
         "staticmethod", "property", "enumerate", "filter", "slice", "generator",
         "exception", "finalizer"]

PVM_ONLY = ["cell", "method", "classmethod", "staticmethod", "property", "enumerate", "slice"]

# Chains handed from one worker to the next: inbox[i] is worker i's.
inboxes = [[] for _ in range(WORKERS)]
inbox_locks = [threading.Lock() for _ in range(WORKERS)]
barrier = threading.Barrier(WORKERS)
expected_finalized = [0]


def walk_some(x, kind, steps):
    # Touch the first links, as a reader on this thread (makes the objects
    # shared with this thread).
    for _ in range(steps):
        if kind in ("slots", "instance", "finalizer"):
            x = x.next
        elif kind in ("list", "tuple"):
            x = x[0]
        elif kind == "dict":
            x = x["k"]
        elif kind == "exception":
            x = x.__context__
        else:
            return
        if x is None:
            return


def length(kind):
    # __del__ chains are slow to finalize (a lock per object): shorter.
    return N // 10 if kind == "finalizer" else N


def worker(w):
    try:
        for r in range(ROUNDS):
            # Each step, the workers take different kinds, at the same time.
            for s in range((len(KINDS) + WORKERS - 1) // WORKERS):
                k = s * WORKERS + w
                kind = KINDS[k] if k < len(KINDS) else None
                fin = 0  # Fin objects this worker creates this step
                if kind is not None:
                    n = length(kind)
                    # Own chain, dropped here (the kinds tests/py/limits_dealloc
                    # cannot cover, since they crash CPython).
                    if kind in PVM_ONLY:
                        x = build(kind, n)
                        x = None
                    # A chain for the next worker, which drops it.
                    y = build(kind, n)
                    fin += n if kind == "finalizer" else 0
                    nxt = (w + 1) % WORKERS
                    with inbox_locks[nxt]:
                        inboxes[nxt].append((kind, y))
                    y = None
                barrier.wait()
                with inbox_locks[w]:
                    items = inboxes[w][:]
                    del inboxes[w][:]
                for kind2, c in items:
                    walk_some(c, kind2, 100)
                    if kind2 in ("slots", "list", "finalizer"):
                        # Half ours on top of half the previous worker's: the
                        # bottom half goes back to its owner's merge queue.
                        half = length(kind2) // 2
                        c = build(kind2, half, c)
                        fin += half if kind2 == "finalizer" else 0
                items = None
                kind2 = c = None
                with lock:
                    expected_finalized[0] += fin
                barrier.wait()
    except Exception as e:
        with lock:
            bad.append((w, type(e).__name__, str(e)))


threads = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

assert not bad, bad
for box in inboxes:
    assert not box
# Chains that passed through a list another thread owns were released after
# a QSBR grace period (gc/qsbr.h), so their __del__ may still be on the way.
for _ in range(2000):
    with lock:
        if finalized[0] >= expected_finalized[0]:
            break
    time.sleep(0.01)
assert finalized[0] == expected_finalized[0], (finalized[0], expected_finalized[0])
print("ok deep_dealloc_threads")
