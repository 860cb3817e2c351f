# dict methods
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 100), d.setdefault("c", 3), d)
print(d.pop("a"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print(type(e).__name__, e)
d.update({"x": 9}, y=8)
d.update([("z", 7)])
print(d)
print(d.popitem(), d)
e = d.copy()
e["new"] = 1
print(d, e)
e.clear()
print(e)
try:
    e.popitem()
except KeyError as ex:
    print(type(ex).__name__, ex)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
print(list(d.keys()), list(d.values()), list(d.items()))
f = {"a": 1, "b": 2}
g = {"b": 3, "c": 4}
print(f | g, g | f)
f |= g
print(f)
counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
groups = {}
for n in range(10):
    groups.setdefault(n % 3, []).append(n)
print(groups)
print(sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
