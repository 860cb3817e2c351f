# Chains of functions: through closure cells (each function closes over the
# previous one), through __defaults__ and __kwdefaults__, and through the
# function __dict__.
N = 1000000


def make_closure(prev):
    def f():
        return prev
    return f


class Holder:
    __slots__ = ("f",)


def make_closure_slots(prev):
    h = Holder()
    h.f = prev

    def f():
        return h
    return f


def make_default(prev):
    def f(a=prev):
        return a
    return f


def make_kwdefault(prev):
    def f(*, a=prev):
        return a
    return f


def chain(kind):
    x = None
    for i in range(N):
        if kind == "closure":
            x = make_closure(x)
        elif kind == "closure over __slots__":
            x = make_closure_slots(x)
        elif kind == "defaults":
            x = make_default(x)
        elif kind == "kwdefaults":
            x = make_kwdefault(x)
        else:
            def f():
                pass
            f.attr = x
            x = f
    return x


for kind in ["closure", "closure over __slots__", "defaults", "kwdefaults", "function __dict__"]:
    x = chain(kind)
    print("built", kind, x.__name__)
    del x
    print("dropped", kind)
print("done")
