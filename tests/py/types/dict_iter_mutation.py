# mutation during iteration
d = {1: "a", 2: "b", 3: "c"}
try:
    for k in d:
        d[k + 10] = "x"
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: "a", 2: "b", 3: "c"}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
d = {1: "a", 2: "b", 3: "c"}
for k in d:
    d[k] = d[k] * 2
print(d)
for k in list(d):
    if k % 2:
        del d[k]
print(d)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(type(e).__name__, e)
d = {"a": 1}
try:
    for k, v in d.items():
        d["b"] = 2
except RuntimeError as e:
    print(type(e).__name__, e)
d = {"a": 1, "b": 2}
try:
    for v in d.values():
        d.pop("a", None)
except RuntimeError as e:
    print(type(e).__name__, e)
print(d)
