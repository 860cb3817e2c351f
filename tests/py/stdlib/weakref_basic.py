# _weakref.ref: creation, dereference, death, hashing, equality, repr shape.
import _weakref
import sys

ref = _weakref.ref


class A:
    pass


a = A()
r = ref(a)
print(r() is a, ref(a) is r, _weakref.getweakrefcount(a))
print(type(r), _weakref.ReferenceType is ref)
print(r.__callback__)
h = hash(r)
print(h == hash(a))
r2 = ref(a, lambda x: None)
print(r2 is r, r2 == r, r2 != r, r == a, r.__callback__ is None, r2.__callback__ is not None)
print(_weakref.getweakrefs(a) == [r, r2], _weakref.getweakrefcount(a))
s = repr(r)
print(s.startswith("<weakref at 0x"), "; to 'A' at 0x" in s)
del a
print(r(), r2(), r2.__callback__, _weakref.getweakrefcount(r))
print(hash(r) == h)
print(repr(r).endswith("; dead>"), r == r, r == r2, r != r2)
try:
    hash(r2)
except TypeError as e:
    print(type(e).__name__, e)


def f():
    pass


rf = ref(f)
print(rf() is f, repr(rf).endswith("(f)>"), "'function'" in repr(rf))
print(ref(A)() is A, ref(len)() is len, ref(sys)() is sys)
print(ref({1, 2})() is None, ref(frozenset())() is None)
g = (i for i in range(3))
print(ref(g)() is g)

for o in [1, 2**100, [], {}, (), "s", b"", 1.5, None, object(), Exception(), True, range(3)]:
    try:
        ref(o)
        print("ok", type(o).__name__)
    except TypeError as e:
        print(type(e).__name__, e)


class I(int):
    pass


class T(tuple):
    pass


class L(list):
    pass


class S:
    __slots__ = ("x",)


class S2:
    __slots__ = ("x", "__weakref__")


class S3(S):
    pass


class S4(S):
    __slots__ = ()


class E(Exception):
    pass


for c in (I, T, L, S, S2, S3, S4, E):
    try:
        o = c()
        w = ref(o)
        print(c.__name__, "ok", w() is o)
    except TypeError as e:
        print(type(e).__name__, e)

print(A.__weakref__.__name__, type(A.__weakref__).__name__)
b = A()
print(b.__weakref__)
rb = ref(b)
print(b.__weakref__ is rb, hasattr(S(), "__weakref__"), S2().__weakref__)

for args in [(), (b, None, 3)]:
    try:
        ref(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    rb(1)
except TypeError as e:
    print(type(e).__name__)
print(ref(b, None).__callback__, ref(b, None) is rb)


class MyRef(ref):
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag

    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)


m = MyRef(b, None, "t")
print(type(m).__name__, m() is b, m.tag, m is rb, isinstance(m, ref), _weakref.getweakrefcount(b))
del b, args
print(m(), rb())

d = {"k": rb, "j": ref(f)}
_weakref._remove_dead_weakref(d, "k")
_weakref._remove_dead_weakref(d, "j")
_weakref._remove_dead_weakref(d, "missing")
print(sorted(d))
try:
    _weakref._remove_dead_weakref([], "k")
except TypeError as e:
    print(type(e).__name__, e)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs(1), _weakref.getweakrefs([]))
