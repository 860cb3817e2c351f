# Chains of generators, each holding the next one in its frame: not
# started, suspended at a yield (dropping it closes it), and delegating with
# `yield from` (closing one closes the next).
N = 1000000


def unstarted(prev):
    yield prev


def suspended(prev):
    yield 1
    yield prev


def delegating(prev):
    yield 1
    yield from prev


def chain(kind):
    x = iter(())
    for i in range(N):
        if kind == "unstarted":
            x = unstarted(x)
        elif kind == "suspended":
            g = suspended(x)
            next(g)
            x = g
        else:
            g = delegating(x)
            next(g)
            x = g
    return x


for kind in ["unstarted", "suspended", "yield from"]:
    x = chain(kind)
    print("built", kind, type(x).__name__)
    del x
    print("dropped", kind)
print("done")
