# frozenset
f = frozenset([3, 1, 2])
print(f, len(f), 2 in f)
print(frozenset(), frozenset(range(3)) == {0, 1, 2})
g = f | {9}
print(g, type(g).__name__)
print(type({9} | f).__name__)
print(f & {1, 5}, f - {1}, f ^ {1, 7})
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})])
s = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(s))
try:
    f.add(4)
except AttributeError as e:
    print(type(e).__name__, e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(f.issubset({1, 2, 3, 4}), f.copy() == f)
print(sorted(frozenset("banana")))
print(frozenset([1, 2]) == {1, 2}, {1, 2} == frozenset([1, 2]))
nested = frozenset([frozenset([1]), frozenset([2, 3])])
print(sorted(len(x) for x in nested))
print(repr(frozenset({5})))
