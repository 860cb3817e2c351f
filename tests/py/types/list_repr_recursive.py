# repr of nested containers and recursive structures
a = []
a.append(a)
print(a)
b = [1, 2]
b.append(b)
print(b, repr(b))
c = [1, [2, [3, [4, [5]]]]]
print(c)
d = {"k": []}
d["k"].append(d)
print(d)
e = {}
e["self"] = e
print(e)
f = [[], {}, (), "s", 1.5, None, True]
print(f, str(f))
g = ([1, 2], {"a": (3,)})
print(g)
h = [a, a]
print(h)
print([["nested", ["deep", ["deeper"]]]])
print(("single",), (), ((),), [()])
print({"a": {"b": {"c": [1, {"d": None}]}}})
print(["quote's", 'dq"', "both'\""])
