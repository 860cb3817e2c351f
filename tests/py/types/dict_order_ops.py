# dict ordering guarantees under updates and deletes, equality ignores order
d = {}
for k in ["z", "y", "x", "w"]:
    d[k] = len(d)
print(list(d), list(d.values()))
d["y"] = 99
print(list(d.items()))
del d["z"]
d["z"] = -1
print(list(d.items()))
d.pop("x")
d.update({"x": 7, "a": 8})
print(d)
print(d == {"a": 8, "x": 7, "z": -1, "w": 3, "y": 99})
e = dict.fromkeys(range(5), "v")
e.popitem()
e[10] = "ten"
print(e)
f = {i: i for i in range(10)}
for i in range(0, 10, 3):
    del f[i]
f[0] = "back"
print(list(f))
g = {"b": 1, "a": 2}
print(sorted(g), list(g), sorted(g.items()), min(g), max(g.values()))
print({**g, "b": 3}, dict(g, c=4), {k: v for k, v in reversed(list(g.items()))})
print(list(reversed(g)), list(reversed(g.items())))
h = {1: "a"}
h.setdefault(2, "b")
h |= {0: "c"}
print(h, list(h.keys())[0])
