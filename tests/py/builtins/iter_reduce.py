# __reduce__ / __setstate__ of the builtin iterators: the shapes CPython
# 3.11 gives (fresh, part-way, exhausted), clamping of __setstate__, and
# copy/pickle rebuilding each iterator where it stands.
import copy
import pickle


def fmt(x):
    if isinstance(x, tuple):
        return tuple(fmt(y) for y in x)
    return "<%s>" % type(x).__name__ if " at 0x" in repr(x) else x


def show(it):
    r = it.__reduce__()
    print(type(it).__name__, r[0].__name__, fmt(r[1:]))


def step(it, n):
    for _ in range(n):
        next(it, None)
    return it


makers = [lambda: iter([1, 2, 3]), lambda: iter((1, 2, 3)), lambda: iter(range(1, 7, 2)), lambda: iter(range(5, 0, -2)),
          lambda: iter(range(2 ** 64, 2 ** 64 + 3)), lambda: iter("abc"), lambda: iter("héllo"), lambda: reversed([1, 2, 3]),
          lambda: enumerate("xyz", 5), lambda: enumerate("ab", 2 ** 70), lambda: zip("ab", [1, 2]),
          lambda: zip("ab", "cd", strict=True), lambda: map(abs, [-1, -2]), lambda: filter(None, [0, 1, 2]),
          lambda: reversed((1, 2, 3)), lambda: reversed(range(3)), lambda: iter({"a": 1, "b": 2}),
          lambda: iter({"a": 1}.values()), lambda: iter({"a": 1}.items()), lambda: reversed({"a": 1, "b": 2}),
          lambda: iter({7}), lambda: iter(bytearray(b"ab"))]
for mk in makers:
    for n in (0, 1, 9):
        it = step(mk(), n)
        show(it)
        print("  pickle", list(pickle.loads(pickle.dumps(it))), "copy", list(copy.copy(step(mk(), n))))


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10

    def __reduce__(self):
        return (Seq, ())


it = step(iter(Seq()), 1)
show(it)
print(list(pickle.loads(pickle.dumps(it))), list(it))
it = iter(Seq())
list(it)
show(it)
calls = iter([1, 2, 0, 4]).__next__
ci = iter(calls, 0)
print(type(ci).__name__, ci.__reduce__()[0].__name__, len(ci.__reduce__()[1]), list(ci), ci.__reduce__()[1])
for mk, states in [(lambda: iter([1, 2, 3]), (-5, 1, 99)), (lambda: reversed([1, 2, 3]), (-5, 0, 99)),
                   (lambda: iter((1, 2, 3)), (-1, 2, 10)), (lambda: iter(range(4)), (-3, 2, 10)),
                   (lambda: iter(range(2 ** 64, 2 ** 64 + 4)), (-3, 2, 2 ** 80)), (lambda: iter("héllo"), (-1, 2, 50)),
                   (lambda: reversed("abc"), (-4, 1, 50))]:
    for st in states:
        it = mk()
        it.__setstate__(st)
        print(type(it).__name__, st, list(it))
for bad in ("x", 1.5, None):
    try:
        iter([1]).__setstate__(bad)
    except TypeError as e:
        print("TypeError", e)
z = zip("ab", "c")
z.__setstate__(True)
try:
    print(list(z))
except ValueError as e:
    print("ValueError", e)
it = iter([1, 2])
list(it)
it.__setstate__(0)
print(list(it))


class WeirdLen:
    calls = 0

    def __len__(self):
        WeirdLen.calls += 1
        if WeirdLen.calls > 1:
            raise ZeroDivisionError("len")
        return 3

    def __getitem__(self, i):
        return i


r = reversed(WeirdLen())
try:
    r.__length_hint__()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
