# Classes made at run time are counted objects that the cycle collector
# frees (objects/type.c).  Worker threads make classes in functions (plain,
# __slots__, subclasses using super(), type() calls), hand instances of
# them to other threads through a shared list, switch instances between
# two classes with __class__ assignment, and drop them; other threads list
# a shared base class's subclasses (the heap-type registry walk) and run
# gc.collect() in a loop.  Invariants: an instance that is still reachable
# always works (its class is alive and intact), every dropped class is
# eventually freed (its weakref dies), nothing crashes.
import gc
import threading
import time
import weakref

WORKERS = 4
ROUNDS = 1500


class Root:
    def root(self):
        return "root"


def make(i):
    if i % 4 == 0:
        class C(Root):
            def val(self):
                return ("C", self.n)
    elif i % 4 == 1:
        class C(Root):
            __slots__ = ("n",)

            def val(self):
                return ("C", self.n)
    elif i % 4 == 2:
        class Mid(Root):
            def val(self):
                return ("C", self.n)

        class C(Mid):
            def val(self):
                return super().val()
    else:
        C = type("C", (Root,), {"val": lambda self: ("C", self.n)})
    return C


def count_alive(refs):
    return sum(1 for r in refs if r() is not None)


def check_survivors(objs, errors):
    for obj in objs:
        if obj.val() != ("C", obj.n):
            errors.append("survivor broken")


def main():
    shared = []
    shared_lock = threading.Lock()
    refs = []
    refs_lock = threading.Lock()
    errors = []
    stop = threading.Event()

    def worker(w):
        try:
            for i in range(ROUNDS):
                C = make(i)
                obj = C()
                obj.n = i
                with refs_lock:
                    refs.append(weakref.ref(C))
                with shared_lock:
                    shared.append(obj)
                    if len(shared) > 64:
                        other = shared.pop(0)
                    else:
                        other = None
                if other is not None:
                    if other.val() != ("C", other.n) or other.root() != "root":
                        errors.append("broken instance %r" % (other.val(),))
                if i % 7 == 0 and i % 4 == 0:
                    D = make(0)
                    obj.__class__ = D
                    if obj.val() != ("C", i):
                        errors.append("class switch")
                del C, obj, other
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))

    def lister():
        while not stop.is_set():
            for k in Root.__subclasses__():
                if not issubclass(k, Root) or k.__name__ not in ("C", "Mid"):
                    errors.append("bad subclass %r" % (k,))

    def collector():
        while not stop.is_set():
            gc.collect()

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
    helpers = [threading.Thread(target=lister), threading.Thread(target=collector)]
    for t in threads + helpers:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    for t in helpers:
        t.join()
    check_survivors(shared, errors)
    del shared[:]
    # Eventually, not at once: references still queued for merging or
    # deferred by another thread keep an object for one more collection
    # (gc/collect.c: the collector is conservative), and a joined thread
    # may still be finishing its exit on a loaded machine.
    for _ in range(20):
        gc.collect()
        alive = count_alive(refs)
        if alive == 0:
            break
        time.sleep(0.05)
    if errors:
        print("errors:", errors[:5])
    elif alive:
        print("classes still alive:", alive, "of", len(refs))
    else:
        print("ok runtime_classes_threads")


main()
