# A bound builtin method holds its self: stored into that object it makes a
# cycle, which the collector must free (builtin_function_or_method traverses
# its __self__).
import gc
import weakref


class L(list):
    pass


class D(dict):
    pass


def cycle_through_list():
    lst = L()
    lst.append(lst.append)
    return weakref.ref(lst)


def cycle_through_dict():
    d = D()
    d["get"] = d.get
    d["setdefault"] = d.setdefault
    return weakref.ref(d)


def cycle_through_instance():
    class Holder:
        pass

    h = Holder()
    h.items = L()
    h.items.append(h.items.extend)
    h.self_ref = h
    return weakref.ref(h), weakref.ref(h.items)


gc.collect()
refs = [cycle_through_list(), cycle_through_dict(), *cycle_through_instance()]
print("alive before collect:", sum(r() is not None for r in refs))
n = gc.collect()
print("collected something:", n > 0)
print("alive after collect:", [r() is not None for r in refs])

# The method still works and keeps its self alive while reachable.
keep = L([1, 2])
m = keep.append
del keep
gc.collect()
m(3)
print(m.__self__)
print(type(m).__name__, m.__name__)
