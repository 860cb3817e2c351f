# dict comprehension and construction patterns
sq = {x: x * x for x in range(6)}
print(sq)
inv = {v: k for k, v in sq.items()}
print(inv)
words = ["apple", "bob", "cat", "avocado", "banana"]
by_first = {}
for w in words:
    by_first.setdefault(w[0], []).append(w)
print(by_first)
lens = {w: len(w) for w in words if len(w) > 3}
print(lens)
pairs = {(i, j): i * j for i in range(3) for j in range(3) if i <= j}
print(pairs)
print({k: v for k, v in zip("abc", [1, 2, 3])})
print({c: "abc".index(c) for c in "cab"})
dup = {x % 3: x for x in range(10)}
print(dup)
nested = {k: {j: j * k for j in range(2)} for k in range(3)}
print(nested)
print(dict(sorted({"z": 1, "a": 2, "m": 3}.items())))
print({str(k): v for k, v in {1: True, 2: False}.items()})
merged = {**{"a": 1}, **{"b": 2}, "c": 3}
print(merged, len(merged))
