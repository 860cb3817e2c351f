# object.__reduce__, __reduce_ex__, __getstate__ (3.11) and what copy does with them.
import copy
import copyreg


class P:
    def __init__(self):
        self.a = 1
        self.b = [1, 2]


class E:
    pass


class S:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 5


class L(list):
    pass


class D(dict):
    pass


class R:
    def __reduce__(self):
        return (R, ())


class G:
    def __new__(cls, *a):
        return object.__new__(cls)

    def __getnewargs__(self):
        return (1, 2)


class GX:
    def __new__(cls, *a, **k):
        return object.__new__(cls)

    def __getnewargs_ex__(self):
        return ((1,), {"k": 2})


class GS:
    def __getstate__(self):
        return {"custom": True}


def show(r):
    parts = []
    for x in r:
        if callable(x) and hasattr(x, "__name__") and not isinstance(x, type):
            parts.append("<%s>" % x.__name__)
        elif x is not None and hasattr(x, "__next__"):
            parts.append(list(x))
        else:
            parts.append(x)
    print(tuple(parts))


p = P()
show(p.__reduce_ex__(2))
show(p.__reduce_ex__(4))
show(p.__reduce_ex__(1))
show(p.__reduce_ex__(0))
show(p.__reduce__())
show(E().__reduce_ex__(2))
print(E().__getstate__(), p.__getstate__())
print(S().__getstate__())
show(S().__reduce_ex__(3))
show(L([1, 2]).__reduce_ex__(2))
show(D(a=1).__reduce_ex__(2))
print(R().__reduce_ex__(2))
show(G().__reduce_ex__(2))
show(GX().__reduce_ex__(2))
show(GS().__reduce_ex__(2))
print(copyreg.__newobj__ is p.__reduce_ex__(2)[0])

q = copy.copy(p)
print(type(q).__name__, q.a, q.b, q.b is p.b)
q = copy.deepcopy(p)
print(q.a, q.b, q.b is p.b)
s = copy.copy(S())
print(s.x, hasattr(s, "y"))
print(copy.copy(G()).__class__.__name__, copy.deepcopy(L([3, [4]])))

for bad in ("x", 2.0, None):
    try:
        object().__reduce_ex__(bad)
    except TypeError as e:
        print(type(e).__name__, e)


class BadArgs:
    def __getnewargs__(self):
        return 5


class BadEx:
    def __getnewargs_ex__(self):
        return (1, 2, 3)


for o in (BadArgs(), BadEx()):
    try:
        o.__reduce_ex__(2)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    (1).__reduce_ex__()
except TypeError as e:
    print(type(e).__name__, e)
