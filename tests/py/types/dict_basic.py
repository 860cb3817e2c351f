# dict basics and insertion order
d = {}
d["b"] = 1
d["a"] = 2
d["c"] = 3
print(d, len(d), list(d))
d["b"] = 10
print(d)
del d["a"]
d["a"] = 4
print(d)
print(d["c"], "c" in d, "z" in d, "z" not in d)
try:
    d["zz"]
except KeyError as e:
    print(type(e).__name__, e, repr(e))
try:
    d[(1, 2)]
except KeyError as e:
    print(type(e).__name__, e)
try:
    {}[1]
except KeyError as e:
    print(type(e).__name__, e)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, z=0))
print(dict(zip("abc", range(3))))
print({1: "a", 2: "b"} == {2: "b", 1: "a"}, {1: 1} != {1: 2})
print({(1, 2): 3, None: 4, True: 5, 2.5: 6, "s": 7})
try:
    {[1]: 2}
except TypeError as e:
    print(type(e).__name__, e)
big = {i: i * i for i in range(1000)}
print(len(big), big[999], sum(big.values()))
for i in range(0, 1000, 2):
    del big[i]
print(len(big), list(big)[:5])
