# `for x in d.items()` whose body unpacks x and then uses x again: the loop
# target is a named local, so the item tuple must exist (pvm's FOR_ITER
# fuses the iteration with the unpack only for a temporary target; the
# fused form once left x unset: a crash in doctest's summarize()).


def collect(d):
    failed = []
    for x in d.items():
        name, (f, t) = x
        if f:
            failed.append(x)
    return failed


def pairs(d):
    out = []
    for item in d.items():
        k, v = item
        out.append((item, k, v, item[0] is k, len(item)))
    return out


def rebind(d):
    last = None
    for p in d.items():
        a, b = p
        last = p
    return last, a, b


def gen(d):
    for x in d.items():
        k, v = x
        yield x, k


def in_closure(d):
    for x in d.items():
        k, v = x
        f = lambda: x
    return f()


d = {"a": (1, 2), "b": (0, 3), "c": (2, 5)}
print(collect(d))
print(pairs({"k": 1, "j": 2}))
print(rebind({1: 2, 3: 4}))
print(list(gen({"x": 1, "y": 2})))
print(in_closure({"q": 9}))
s = 0
for k, v in {"u": 1, "w": 2}.items():
    s += v
print(s)
for x in {"m": 1}.items():
    k, v = x
    print(x, k, v)
