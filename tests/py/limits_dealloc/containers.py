# Dropping a 1,000,000-deep chain of builtin containers must not overflow
# the C stack: each dealloc releases the next container from inside itself.
N = 1000000


class L(list):
    pass


class D(dict):
    pass


def chain(kind):
    x = None
    if kind == "list":
        for i in range(N):
            x = [x]
    elif kind == "tuple":
        for i in range(N):
            x = (x,)
    elif kind == "dict value":
        for i in range(N):
            x = {"k": x}
    elif kind == "frozenset":
        x = frozenset()
        for i in range(N):
            x = frozenset([x])
    elif kind == "dict key":
        x = frozenset()
        for i in range(N):
            x = frozenset([(x, i)])
    elif kind == "list subclass":
        for i in range(N):
            x = L([x])
    elif kind == "dict subclass":
        for i in range(N):
            x = D(k=x)
    elif kind == "list in tuple in dict":
        for i in range(N // 3):
            x = {"k": ([x],)}
    return x


for kind in ["list", "tuple", "dict value", "frozenset", "dict key", "list subclass",
             "dict subclass", "list in tuple in dict"]:
    x = chain(kind)
    print("built", kind, type(x).__name__)
    del x
    print("dropped", kind)
print("done")
