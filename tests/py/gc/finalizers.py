# PEP 442 through the cycle collector: each __del__ runs once, weakref
# callbacks run before finalizers, a resurrected object is left alone.
import gc
import weakref

gc.disable()
gc.collect()


class Fin:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def cycle_with_del():
    a = Fin("a")
    a.me = a
    return weakref.ref(a, lambda r: print("callback a, referent", r()))

w = cycle_with_del()
print("collect 1")
gc.collect()
print("dead", w() is None)
print("collect 2")
gc.collect()

# two finalizable objects in one cycle: both finalizers run once
def two():
    a = Fin("x")
    b = Fin("y")
    a.b = b
    b.a = a

two()
n = gc.collect()
print("collected some", n >= 2)

# resurrection: __del__ stores self in a global
saved = []


class Phoenix:
    def __del__(self):
        print("phoenix __del__, finalized:", gc.is_finalized(self))
        saved.append(self)


def make_phoenix():
    p = Phoenix()
    p.me = p
    p.data = [1, 2, 3]
    return weakref.ref(p)

w = make_phoenix()
gc.collect()
print("resurrected", len(saved), saved[0].data, w() is saved[0])
print("is_finalized", gc.is_finalized(saved[0]))
saved.clear()
gc.collect()
print("gone now", w() is None)

# resurrection into another object of the cycle's reach keeps that too
class Keeper:
    def __del__(self):
        saved.append(self.friend)


def keeper():
    k = Keeper()
    f = Fin("friend")
    k.friend = f
    f.k = k

keeper()
gc.collect()
print("friend kept", saved[0].name)
saved.clear()
gc.collect()

# is_finalized on fresh objects
print(gc.is_finalized(Fin("fresh")), gc.is_finalized(1), gc.is_finalized([]))
