# __slots__, __class__ assignment, type attributes and reprs of builtin descriptors
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "y"), hasattr(p, "__dict__"), type(P.x).__name__)
try:
    p.z = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.y
except AttributeError as e:
    print(type(e).__name__, e)
p.y = 2
print(p.y)
del p.y
print(hasattr(p, "y"))
class Q(P):
    pass
q = Q(1)
q.z = 3
print(q.z, q.__dict__, q.x)
class S(P):
    __slots__ = ("w",)
s = S(4)
s.w = 5
print(s.x, s.w, hasattr(s, "__dict__"))
try:
    class Bad:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print(type(e).__name__, e)
class A:
    pass
class B:
    pass
a = A()
a.__class__ = B
print(type(a).__name__, isinstance(a, B))
for v in [int, 1]:
    try:
        a.__class__ = v
    except TypeError as e:
        print(type(e).__name__, e)
print(A.__module__, A.__qualname__, A.__doc__, A.__base__ is object, A.__bases__)
print(type.__name__, object.__name__, int.__module__, int.__qualname__, type(int).__name__)
print(repr(object.__init__), repr(list.__len__), repr(int.__add__))
print(repr(list.append), repr(dict.fromkeys)[:37], repr(int.real))
print(type([].__len__).__name__, type(list.__len__).__name__, type(list.append).__name__)
print(type(dict.__dict__["fromkeys"]).__name__, type(int.__dict__["real"]).__name__)
print([].__len__(), list.__len__([1, 2]), int.__add__(2, 3), (5).__radd__(1), "ab".__mul__(2))
print(object.__eq__(a, a), object.__ne__(a, 1), (1).__eq__("x"), int.__lt__(1, 2))
try:
    list.__len__(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list.append(5, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list.append()
except TypeError as e:
    print(type(e).__name__, e)
for name in ["__len__", "__radd__", "__add__", "__hash__", "__iadd__", "__contains__"]:
    print(name, name in list.__dict__, name in int.__dict__)
print(list.__hash__, dict.__hash__ is None, hash(object) == hash(object))
class WithEq:
    def __eq__(self, o):
        return True
class Sub(WithEq):
    def __hash__(self):
        return 7
print(WithEq.__hash__, hash(Sub()), Sub() == 3)
try:
    A.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
A.__name__ = "Renamed"
print(A.__name__, A.__qualname__, A().__class__.__name__)
try:
    int.foo = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del A.nothing
except AttributeError as e:
    print(type(e).__name__, e)
print(object.__format__(A(), "") == str(a), format(7, ""))
try:
    format(A(), "d")
except TypeError as e:
    print(type(e).__name__, e)
print(sorted(n for n in dir(p) if not n.startswith("__")), "x" in dir(P))
print(A.mro() == list(A.__mro__), type.mro(B)[0].__name__)
print(P.__subclasses__() == [Q, S])
