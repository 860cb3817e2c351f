# tuples
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1])
print((), (1,), (1, 2) + (3,), (0,) * 3, 1, )
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple())
print(t.count(2), t.index(3), (1, 2, 1).count(1))
print(t == (1, 2, 3), t < (1, 2, 4), (1, 2) < (1, 2, 0), () < (0,))
print(2 in t, 5 in t)
a, b, c = t
print(a + b + c)
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    t[5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    t.index(99)
except ValueError as e:
    print(type(e).__name__, e)
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()))
d = {(1, 2): "pair", (): "empty"}
print(d[(1, 2)], d[()])
print(type(t).__name__, isinstance(t, tuple))
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
print(max((3, 1), (3, 0)), tuple(x * 2 for x in t))
try:
    hash(([1],))
except TypeError as e:
    print(type(e).__name__, e)
