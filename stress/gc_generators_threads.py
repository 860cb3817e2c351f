# Threads make and drop reference cycles through generators, coroutines,
# frames and tracebacks, deques, partials and iterators, and pass shared
# self-referencing generators from thread to thread, while another thread
# runs gc.collect() in a loop.  Invariants: a reachable generator is never
# cleared (its values stay consecutive, whichever thread resumes it), every
# dropped cycle is collected (its weakref callback runs exactly once), and
# the finally block of every dropped suspended generator runs exactly once.
import collections
import functools
import sys
import threading

from _gc_harness import CycleTracker, run_with_collector

WORKERS = 4
ROUNDS = 2000
SHARED = 8


class Box:
    pass


def main():
    # An RLock, because __del__ methods and weakref callbacks take it: they may run
    # on any thread between any two instructions, inside that thread's own `with
    # lock:` too (a collection, or a free deferred to an eval-breaker check), as
    # in CPython; a plain Lock would then wait for itself.
    lock = threading.RLock()
    tracker = CycleTracker(WORKERS, lock)
    finals = {}
    bad = []

    def selfgen(tag):
        me = yield
        try:
            while True:
                yield me
        finally:
            with lock:
                finals[tag] = finals.get(tag, 0) + 1

    async def coro(box):
        await Sleeper()
        return box

    class Sleeper:
        def __await__(self):
            yield 1

    def make_cycle(k, i):
        kind = i % 6
        b = Box()
        if kind == 0:
            g = selfgen((k, i))
            next(g)
            g.send(g)
            b.g = g
        elif kind == 1:
            c = coro(b)
            c.send(None)
            b.c = c
        elif kind == 2:
            try:
                raise ValueError(i)
            except ValueError as e:
                b.e = e
                b.f = sys._getframe()
        elif kind == 3:
            d = collections.deque([b, i])
            b.d = d
        elif kind == 4:
            b.p = functools.partial(print, b)
        else:
            l = [b]
            b.it = iter(l)
            b.en = enumerate(l)
        return b

    def counter():
        n = 0
        me = yield
        while True:
            n += 1
            got = yield (me is not None, n)

    shared = []
    for _ in range(SHARED):
        g = counter()
        next(g)
        shared.append([threading.Lock(), g, 0])
    for ent in shared:
        ent[1].send(ent[1])  # now it refers to itself (and yields (True, 1))
        ent[2] = 1

    def worker(k):
        for i in range(ROUNDS):
            obj = make_cycle(k, i)
            tracker.track(k, obj)
            del obj
            ent = shared[(k + i) % SHARED]
            with ent[0]:
                ok, n = next(ent[1])
                if not ok or n != ent[2] + 1:
                    bad.append((ok, n, ent[2]))
                ent[2] = n
            if i % 100 == 0:
                tracker.prune(k)

    run_with_collector(worker, WORKERS)
    ngen = WORKERS * len(range(0, ROUNDS, 6))
    if bad:
        print("shared generator damaged:", bad[:5])
    elif tracker.check():
        print(tracker.check())
    elif len(finals) != ngen or any(v != 1 for v in finals.values()):
        print("finally blocks: %d for %d generators" % (len(finals), ngen))
    elif sum(e[2] for e in shared) != SHARED + WORKERS * ROUNDS:
        print("shared generators lost a step")
    else:
        print("ok gc_generators_threads")


main()
