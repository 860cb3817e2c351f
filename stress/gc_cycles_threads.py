# Threads create and drop reference cycles (instances, dicts, lists,
# closures, __slots__, bound methods) and mutate shared containers that
# also hold cycles, while another thread runs gc.collect() in a loop and
# the automatic collector runs too.  Invariants: an object reachable from
# the shared containers is never cleared (its attributes stay intact),
# every dropped cycle is eventually collected (its weakref callback runs
# exactly once), every finalizer runs at most once.
import threading

from _gc_harness import CycleTracker, run_with_collector

WORKERS = 4
ROUNDS = 3000


class Node:
    def __init__(self, tag):
        self.tag = tag
        self.me = self
        self.items = [self, tag]


class Fin:
    def __init__(self, tag, counts, lock):
        self.tag = tag
        self.counts = counts
        self.lock = lock
        self.me = self

    def __del__(self):
        with self.lock:
            self.counts[self.tag] = self.counts.get(self.tag, 0) + 1


class Slotted:
    __slots__ = ("peer", "tag", "__weakref__")


def main():
    # An RLock, because __del__ methods and weakref callbacks take it: they may run
    # on any thread between any two instructions, inside that thread's own `with
    # lock:` too (a collection, or a free deferred to an eval-breaker check), as
    # in CPython; a plain Lock would then wait for itself.
    lock = threading.RLock()
    tracker = CycleTracker(WORKERS, lock)
    finalized = {}
    shared_list = []
    shared_dict = {}
    bad = []

    def make_cycle(k, i):
        kind = i % 6
        if kind == 0:
            a = Node((k, i))
            b = {"a": a}
            a.d = b
            return a
        if kind == 1:
            l = [i]
            l.append(l)
            o = Node((k, i))
            o.l = l
            return o
        if kind == 2:
            def f():
                return f, o
            o = Node((k, i))
            o.f = f
            return o
        if kind == 3:
            s = Slotted()
            t = Slotted()
            s.peer, t.peer = t, s
            s.tag = t.tag = (k, i)
            return s
        if kind == 4:
            o = Node((k, i))
            o.m = o.__init__
            return o
        return Fin((k, i), finalized, lock)

    def worker(k):
        for i in range(ROUNDS):
            obj = make_cycle(k, i)
            tracker.track(k, obj)
            if i % 7 == 0:
                # Kept: reachable from the shared containers.
                keep = Node(("keep", k, i))
                with lock:
                    shared_list.append(keep)
                    shared_dict[(k, i)] = keep
                    if len(shared_list) > 50:
                        old = shared_list.pop(0)
                        del shared_dict[old.tag[1:]]
            del obj
            if i % 50 == 0:
                # Readers of the shared objects: never cleared while reachable.
                with lock:
                    snapshot = list(shared_list)
                for n in snapshot:
                    if n.me is not n or n.items[0] is not n or n.items[1] != n.tag:
                        bad.append(n.tag)
                tracker.prune(k)

    run_with_collector(worker, WORKERS)
    if bad:
        print("cleared while reachable:", bad[:5])
    elif tracker.check():
        print(tracker.check())
    elif any(v != 1 for v in finalized.values()):
        print("finalizer ran twice")
    elif len(finalized) != WORKERS * (ROUNDS // 6):
        print("finalizers ran for %d of %d" % (len(finalized), WORKERS * (ROUNDS // 6)))
    else:
        for n in shared_list:
            if n.me is not n or shared_dict[n.tag[1:]] is not n:
                print("shared object damaged")
                return
        print("ok gc_cycles_threads")


main()
