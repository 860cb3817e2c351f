# PEP 604 unions (int | str): repr, flattening, isinstance/issubclass, equality
u = int | str
print(u, type(u).__name__, u.__args__, int | None, None | int, int | int)
print((int | str) | float, int | (str | float), u == (str | int), hash(u) == hash(str | int))
print(isinstance(1, int | str), isinstance(1.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
class A:
    pass
print(A | None, isinstance(A(), A | int))
try:
    int | 1
except TypeError as e:
    print(type(e).__name__, e)
def f(x: int | None = None) -> float | None:
    return x
print(f(3), f.__annotations__)
print(type[int], type[int].__origin__ is type, type[int].__args__)
