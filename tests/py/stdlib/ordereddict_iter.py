# OrderedDict iteration: views and their types, reversed(), the
# "mutated" / "changed size" RuntimeErrors, iterator pickling, and
# subclasses whose __setitem__ update() and copy() go through.
import pickle
from collections import OrderedDict

od = OrderedDict.fromkeys("abcde", 0)
od["c"] = 3
for v in (od.keys(), od.values(), od.items(), iter(od), reversed(od), iter(od.items()),
          reversed(od.values())):
    print(type(v).__name__)
print(od.keys(), od.values(), od.items())
print(list(reversed(od.keys())), list(reversed(od.values())), list(reversed(od.items())))
print(list(reversed(od)))
print("c" in od.keys(), ("c", 3) in od.items(), 3 in od.values(), len(od.keys()))
print(sorted(od.keys() & {"a", "z"}), sorted(od.keys() | {"z"}), od.keys() == set("abcde"))
print(od.items() - {("a", 0)} == {("b", 0), ("c", 3), ("d", 0), ("e", 0)})
print(isinstance(od.keys(), type({}.keys())), isinstance(od.items(), type({}.items())))


def mutate(label, f):
    d = OrderedDict.fromkeys("abcde")
    try:
        for k in d:
            f(d, k)
        print(label, "no error")
    except RuntimeError as e:
        print(label, e)
    print(" ", list(d))


mutate("add", lambda d, k: d.__setitem__("f", 1))
mutate("del", lambda d, k: d.__delitem__("c") if "c" in d else None)
mutate("move", lambda d, k: d.move_to_end(k))
mutate("move front", lambda d, k: d.move_to_end("e", last=False))
mutate("replace value", lambda d, k: d.__setitem__(k, 5))
mutate("del+add", lambda d, k: (d.__delitem__("c"), d.__setitem__("c", 1)) if k == "a" else None)
mutate("popitem", lambda d, k: d.popitem())
mutate("popitem first", lambda d, k: d.popitem(last=False))
mutate("pop", lambda d, k: d.pop("e", None))
mutate("setdefault new", lambda d, k: d.setdefault("z", 1))
mutate("setdefault old", lambda d, k: d.setdefault("a", 1))
mutate("clear", lambda d, k: d.clear())

d = OrderedDict.fromkeys("abc")
it = iter(d.items())
try:
    for k in d:
        pass
    d.move_to_end("a")
    next(it)
except RuntimeError as e:
    print(e)

# Iterator pickling: the rest of the iteration.
d = OrderedDict(a=1, b=2, c=3)
for make in (iter, reversed, lambda x: iter(x.values()), lambda x: iter(x.items()),
             lambda x: reversed(x.items())):
    it = make(d)
    next(it)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it2 = pickle.loads(pickle.dumps(it, proto))
        print(list(it2), end=" ")
    print(list(it))
print(list(iter(d).__reduce__()[1][0]))


class Logged(OrderedDict):
    log = []

    def __setitem__(self, k, v):
        Logged.log.append(k)
        super().__setitem__(k, v)


x = Logged([("a", 1)], b=2)
x.update(c=3)
x.update([("d", 4)])
x.setdefault("e", 5)
y = x.copy()
print(Logged.log, type(y).__name__, y)
print(x.pop("a"), x.popitem(), x.popitem(last=False), x)
x |= {"q": 1}
print(Logged.log[-1], x)


class Counting(OrderedDict):
    gets = 0

    def __getitem__(self, k):
        Counting.gets += 1
        return super().__getitem__(k)


c = Counting(a=1, b=2)
c.pop("a")
c.popitem()
print(Counting.gets, c)
