# Threads dereference weakrefs while other threads drop the last strong
# reference to the referents; every dereference gives the live object or
# None, every callback runs exactly once.
import threading
import _weakref

ref = _weakref.ref
N = 4
ROUNDS = 300
SLOTS = 32


class Obj:
    def __init__(self, n):
        self.n = n


calls = [0] * (ROUNDS * SLOTS)
calls_lock = threading.Lock()
errors = []


def make_cb(i):
    def cb(w):
        with calls_lock:
            calls[i] += 1
    return cb


strong = [None] * SLOTS
weak = [None] * SLOTS
allrefs = []  # keeps every weakref alive: a weakref that dies first never calls back
barrier = threading.Barrier(N + 1)


def reader(k):
    for rnd in range(ROUNDS):
        barrier.wait()
        for rep in range(20):
            for i in range(SLOTS):
                w = weak[i]
                o = w()
                if k == 2:
                    cb = w.__callback__  # racing the clear that takes it
                    if cb is not None and not callable(cb):
                        errors.append(("callback", cb))
                    cb = None
                if o is not None and o.n != rnd * SLOTS + i:
                    errors.append((rnd, i, o.n))
                if o is not None and k == 0 and rep == 0:
                    ref(o)  # a short-lived extra weakref, dying at once
                if o is not None and k == 1:
                    # one with a callback, racing the referent's death: it
                    # may call back or not, but must never crash
                    ref(o, _weakref.getweakrefcount)
                    _weakref.getweakrefs(o)
                o = None
        barrier.wait()


def killer():
    for rnd in range(ROUNDS):
        for i in range(SLOTS):
            idx = rnd * SLOTS + i
            o = Obj(idx)
            weak[i] = ref(o, make_cb(idx))
            allrefs.append(weak[i])
            strong[i] = o
        o = None
        barrier.wait()
        for i in range(SLOTS):
            strong[i] = None
        barrier.wait()


ts = [threading.Thread(target=reader, args=(k,)) for k in range(N)]
ts.append(threading.Thread(target=killer))
for t in ts:
    t.start()
for t in ts:
    t.join()
weak = None
strong = None
# Referents die when the deferred drops run: whatever is dead by now has
# called back exactly once, whatever is alive not at all.
bad = [i for i, w in enumerate(allrefs) if calls[i] != (1 if w() is None else 0)]
dead = sum(1 for w in allrefs if w() is None)
if dead < len(allrefs) // 2:
    errors.append(("too few dead", dead))
if errors or bad:
    print("FAIL", errors[:5], bad[:5], [calls[i] for i in bad[:5]])
else:
    print("ok weakref_race")
