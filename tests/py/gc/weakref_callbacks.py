# Weak references to cyclic garbage: cleared before any finalizer runs,
# callbacks called (newest first on one object), except when the weakref
# itself is part of the garbage.
import gc
import weakref

gc.disable()
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


refs = []


def one_object_many_refs():
    n = Node("n")
    n.me = n
    refs.append(weakref.ref(n, lambda r: print("cb 1, dead:", r() is None)))
    refs.append(weakref.ref(n, lambda r: print("cb 2, dead:", r() is None)))
    refs.append(weakref.ref(n, lambda r: print("cb 3, dead:", r() is None)))
    refs.append(weakref.ref(n))

one_object_many_refs()
gc.collect()
print("all dead", [r() for r in refs])
refs.clear()


def garbage_weakref():
    # the weakref is held only by the cycle: its callback is not called
    a = Node("a")
    b = Node("b")
    a.b = b
    b.a = a
    a.wr = weakref.ref(b, lambda r: print("never printed"))

garbage_weakref()
gc.collect()
print("after garbage weakref")


def proxy_cycle():
    a = Node("p")
    a.me = a
    return weakref.proxy(a, lambda p: print("proxy callback"))

p = proxy_cycle()
gc.collect()
try:
    p.name
except ReferenceError as e:
    print(type(e).__name__, e)


# WeakValueDictionary entries vanish when their cyclic values are collected
class Plain:
    pass


def wvd():
    d = weakref.WeakValueDictionary()
    keep = Plain()
    for i in range(5):
        v = Plain()
        v.me = v
        d[i] = v
    d["keep"] = keep
    return d, keep

d, keep = wvd()
gc.collect()
print("wvd", sorted(map(str, d.keys())))

# WeakSet
ws = weakref.WeakSet()


def fill():
    for i in range(3):
        o = Plain()
        o.me = o
        ws.add(o)

fill()
gc.collect()
print("weakset", len(ws))

# weakref.finalize on a cyclic object
def fin():
    o = Plain()
    o.me = o
    weakref.finalize(o, print, "finalize ran")

fin()
gc.collect()
print("end")
