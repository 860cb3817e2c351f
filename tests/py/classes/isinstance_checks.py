# isinstance/issubclass with tuples, type(x).__name__
class A: pass
class B(A): pass
class C: pass
vals = [1, 1.5, "s", b"b", [1], (1,), {1: 2}, {1}, None, True, A(), B(), C(), range(2), len]
for v in vals:
    print(type(v).__name__, isinstance(v, (int, str)), isinstance(v, (A, C)), isinstance(v, object))
print(isinstance(True, int), isinstance(1, bool), isinstance(B(), A), isinstance(A(), B))
print(issubclass(B, (C, A)), issubclass(bool, (str, int)), issubclass(C, (A, B)))
print(isinstance(1, ()), issubclass(A, ()), isinstance(1, (str, (int, float))))
try:
    isinstance(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
print(type(1) == int, type(True) == int, type(B()) is A, type(type(1)).__name__)
print(type(A).__name__, type(len).__name__, type(None).__name__, type(...).__name__)
print(isinstance(A, type), issubclass(type, object), isinstance(object, type))
print(int.__name__, str.__mro__[-1].__name__, [t.__name__ for t in bool.__mro__])
print(type(print).__name__, type([].append).__name__)
