# type constructors: int float str bool list dict tuple set frozenset
print(int(), float(), str(), bool(), list(), dict(), tuple(), set(), frozenset())
print(int("12"), float("1.5"), str(12), bool(12), list("ab"), tuple([1, 2]))
print(dict(a=1), dict([(1, 2)]), dict({3: 4}), dict(zip("xy", (1, 2))), dict([], z=0))
print(set("aab") == {"a", "b"}, frozenset([1, 1, 2]), list(range(3)), tuple(range(3)))
print(list({1: "a", 2: "b"}), tuple({1: "a"}.items()), list((x for x in "hi")))
print(str(b"abc"), str(1.0), str([1, 2]), bool([]), bool([[]]))
print(type(int("5")).__name__, type(float(5)).__name__, type(str(5)).__name__)
l = [1, 2]
l2 = list(l)
print(l2 == l, l2 is l)
t = (1, 2)
print(tuple(t) is t or tuple(t) == t)
print(int(" 7 "), float(" 7 "), int(7.9), float(-3))
print(str(object) == "<class 'object'>", str(int), repr(str), str(type(None)))
try:
    dict([1, 2, 3])
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(5)
except TypeError as e:
    print(type(e).__name__, e)
print(bool.__name__, int.__name__, frozenset.__name__, type(type).__name__)
