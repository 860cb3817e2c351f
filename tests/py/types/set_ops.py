# set operations and comparisons
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7], (8,)), a.intersection(range(3)), a.difference({1}, {2}))
print(a.isdisjoint(b), a.isdisjoint({9}), {1, 2}.issubset(a), a.issuperset({1}))
print({1, 2} < a, a < a, a <= a, a > {1}, a >= b, {1, 2} == {2, 1})
c = set(a)
c |= {10}; print(c)
c &= {1, 2, 10}; print(c)
c -= {1}; print(c)
c ^= {2, 3}; print(c)
d = {1, 2, 3}
d.intersection_update({2, 3, 4}); print(d)
d.difference_update({2}); print(d)
d.symmetric_difference_update({3, 7}); print(d)
print(sorted({"a", "b"} | {"c"}), sorted({"x", "y"} & {"y", "z"}))
try:
    a | [1]
except TypeError as e:
    print(type(e).__name__, e)
print({1, 2, 3} - set(), set() - {1}, set() == set())
print(len(set(range(100)) & set(range(50, 150))))
