# Chains of iterators wrapping iterators.
N = 1000000


class L(list):
    pass


def chain(kind):
    x = iter([])
    for i in range(N):
        if kind == "map":
            x = map(len, x)
        elif kind == "zip":
            x = zip(x)
        elif kind == "list iterator":
            x = iter([x])
        elif kind == "reversed":
            x = reversed([x])
        elif kind == "list subclass iterator":
            x = iter(L([x]))
        elif kind == "dict view":
            x = {i: x}.values()
    return x


for kind in ["map", "zip", "list iterator", "reversed", "list subclass iterator",
             "dict view"]:
    x = chain(kind)
    print("built", kind)
    del x
    print("dropped", kind)
print("done")
