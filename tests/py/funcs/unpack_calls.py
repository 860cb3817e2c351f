# calls with unpacking f(*a, **k)
def f(a, b, c=0, *rest, **kw):
    return "a=%s b=%s c=%s rest=%s kw=%s" % (a, b, c, rest, sorted(kw.items()))
print(f(*[1, 2]))
print(f(*(1, 2, 3, 4, 5)))
print(f(*"xy", **{"c": "C", "z": "Z"}))
print(f(1, *[2], 3, *[4, 5], k=1, **{"j": 2}))
print(f(**{"a": 1, "b": 2}))
print(f(*range(3), *range(3, 5)))
print(f(*iter([9, 8])))
print(f(*{10: "x", 20: "y"}))
def g(*a):
    return a
print(g(*[]), g(*[], *()), g(*[[1]]))
try:
    f(*5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**[1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(1, 2, **{"a": 3})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(1, 2, **{"k": 1}, **{"k": 2})
except TypeError as e:
    print(type(e).__name__, e)
print(max(*[3, 9, 2]), print(*[], sep="x"), sum([*range(4)]))
