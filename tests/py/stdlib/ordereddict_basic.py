# collections.OrderedDict (the C one from _collections): construction,
# update, item access, move_to_end, popitem, pop, setdefault, equality,
# repr, copy, fromkeys, the | operators, pickling, __dict__ and weakrefs.
import collections
import collections.abc
import copy
import pickle
import weakref
from collections import OrderedDict

import _collections

print(OrderedDict is _collections.OrderedDict)
print(OrderedDict.__module__, OrderedDict.__name__, issubclass(OrderedDict, dict))

od = OrderedDict([("b", 1), ("a", 2)], c=3)
print(od, list(od), len(od))
od.update({"d": 4}, e=5)
od.update([("f", 6)])
od.update(OrderedDict(g=7))


class KeysOnly:
    def keys(self):
        return ["h"]

    def __getitem__(self, k):
        return k * 2


od.update(KeysOnly())
print(od)
try:
    od.update(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    OrderedDict([1, 2])
except TypeError as e:
    print("TypeError")

od = OrderedDict.fromkeys("abcde")
od["c"] = 10
print(list(od.items()))
del od["b"]
print(list(od))
try:
    del od["zz"]
except KeyError as e:
    print("KeyError", e)

od.move_to_end("a")
print(list(od))
od.move_to_end("e", last=False)
print(list(od))
od.move_to_end("e", False)
od.move_to_end("a", True)
print(list(od))
try:
    od.move_to_end("nope")
except KeyError as e:
    print("KeyError", e)

print(od.popitem(), od.popitem(last=False), list(od))
print(od.pop("c"), od.pop("zz", "dflt"), list(od))
try:
    od.pop("zz")
except KeyError as e:
    print("KeyError", e)
print(od.setdefault("x", 1), od.setdefault("x", 2), od.setdefault("y"), list(od.items()))
od.clear()
try:
    od.popitem()
except KeyError as e:
    print("KeyError", e)
print(od, repr(OrderedDict()))

# Many moves both ways on a larger dict, checked against a plain list model.
od = OrderedDict((i, i * i) for i in range(200))
model = list(range(200))
for step in range(2000):
    k = (step * 37) % 200
    if k in od:
        last = step % 3 != 0
        od.move_to_end(k, last=last)
        model.remove(k)
        if last:
            model.append(k)
        else:
            model.insert(0, k)
    if step % 7 == 0:
        kk, vv = od.popitem(last=step % 2 == 0)
        model.remove(kk)
        assert vv == kk * kk
    if step % 11 == 0:
        od[k] = k * k
        if k not in model:
            model.append(k)
print(list(od) == model, list(reversed(od)) == model[::-1], len(od) == len(model))
print(all(od[k] == k * k for k in model))

# Equality: order matters only between two OrderedDicts.
a = OrderedDict(x=1, y=2)
b = OrderedDict(y=2, x=1)
print(a == b, a != b, a == dict(b), dict(b) == a, a == OrderedDict(x=1, y=2))
print(a == {"x": 1}, a != [1])

# repr, recursion, subclasses
r = OrderedDict(a=1)
r["self"] = r
print(repr(r))


class Sub(OrderedDict):
    pass


s = Sub(q=1)
print(repr(s), repr(Sub()), type(s.copy()).__name__)

# copy / copy.copy / deepcopy / pickle
od = OrderedDict(z=1, a=[1, 2])
c = od.copy()
print(c, c == od, c is od, type(c).__name__)
d = copy.deepcopy(od)
print(d, d["a"] is od["a"])
print(copy.copy(od))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    p = pickle.loads(pickle.dumps(od, proto))
    assert p == od and list(p) == list(od), proto
s.attr = 5
p = pickle.loads(pickle.dumps(s))
print(type(p).__name__, p, p.attr)
red = od.__reduce__()
print(red[0].__name__, red[1], red[2], red[3], list(red[4]))

# fromkeys
print(OrderedDict.fromkeys("ab"), OrderedDict.fromkeys("ab", 0), OrderedDict.fromkeys("ab", value=1))
print(type(Sub.fromkeys("a")).__name__)

# | and |=
a = OrderedDict(a=1, b=2)
print(a | {"c": 3}, {"c": 3} | a, type({"c": 3} | a).__name__)
a |= [("z", 0)]
print(a)
print(a.__or__(1), a.__ror__(1))
try:
    a | 1
except TypeError:
    print("TypeError |")

# __dict__, weakref, __class_getitem__, __sizeof__
od = OrderedDict()
od.x = 1
print(od.__dict__)
od.__dict__ = {"y": 2}
print(od.y, hasattr(od, "x"))
w = weakref.ref(od)
print(w() is od)
print(OrderedDict[str, int])
print(OrderedDict().__sizeof__() >= dict().__sizeof__())
print(isinstance(OrderedDict(), collections.abc.MutableMapping))
try:
    hash(OrderedDict())
except TypeError:
    print("unhashable")
