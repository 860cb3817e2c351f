# dict views
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["d"] = 4
print(list(k), list(v), list(it), len(k))
print("a" in k, 2 in v, ("a", 1) in it, ("a", 2) in it)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}))
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(list(reversed(d)), list(reversed(d.values())))
for key, val in d.items():
    print(key, val, end="; ")
print()
print(k == {"a", "b", "c", "d"}, k == {"a"})
e = dict(d)
del e["b"]
print(list(e.keys()))
print(sorted(d.items(), reverse=True))
print(max(d, key=d.get), min(d.values()))
print(list(zip(d, d.values())))
