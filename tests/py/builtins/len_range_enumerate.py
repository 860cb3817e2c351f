# len, range, enumerate
print(len("abc"), len([1, 2]), len(()), len({1: 2}), len({1, 2, 3}), len(range(10)), len(b"xy"))
print(list(enumerate("abc")), list(enumerate("abc", start=1)), list(enumerate([], 5)))
print(list(enumerate(range(3), -2)), list(enumerate("ab", start=10)))
for i, (a, b) in enumerate(zip("xy", "12"), 1):
    print(i, a, b)
e = enumerate(["p", "q"])
print(next(e), next(e), next(e, None), type(e).__name__)
print(list(range(5)), list(range(2, 5)), list(range(0, 10, 3)), list(range(5, -1, -2)))
try:
    len(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    len(x for x in [])
except TypeError as e:
    print(type(e).__name__, e)
print(dict(enumerate("ab")), [i * c for i, c in enumerate("abc")])
