# sorted and reversed
print(sorted([3, 1, 2]), sorted("cba"), sorted((2, 1)), sorted({"b": 1, "a": 2}), sorted(range(3), reverse=True))
print(sorted([-3, 2, -1], key=abs), sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(sorted([(1, "b"), (1, "a"), (0, "c")]), sorted([[2], [1, 2], [1]]))
data = [{"n": "x", "v": 2}, {"n": "y", "v": 1}, {"n": "z", "v": 2}]
print([d["n"] for d in sorted(data, key=lambda d: d["v"])])
print([d["n"] for d in sorted(data, key=lambda d: d["v"], reverse=True)])
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))
r = reversed([1, 2])
print(type(r).__name__, next(r), next(r), next(r, "end"))
print("".join(reversed("stressed")), list(reversed({"a": 1, "b": 2})))
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, None])
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1], key=5)
except TypeError as e:
    print(type(e).__name__, e)
original = [3, 1, 2]
s = sorted(original)
print(original, s, s is original)
