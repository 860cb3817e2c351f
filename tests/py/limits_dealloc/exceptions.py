# Chains of exceptions: through __context__, __cause__, args, both (raise
# inside except), and a chain of tracebacks (tb_next).
N = 1000000


def chain(kind):
    x = None
    if kind == "__context__":
        for i in range(N):
            e = ValueError(i)
            e.__context__ = x
            x = e
    elif kind == "__cause__":
        for i in range(N):
            e = KeyError(i)
            e.__cause__ = x
            x = e
    elif kind == "args":
        for i in range(N):
            x = RuntimeError(x, i)
    elif kind == "raised":
        for i in range(N // 4):
            try:
                try:
                    raise ValueError(i)
                except ValueError:
                    raise TypeError(x)
            except TypeError as e:
                x = e
    elif kind == "__traceback__":
        # Raising the same exception again adds an entry in front of its
        # traceback: a chain of N tracebacks linked by tb_next.
        x = ValueError("again")
        for i in range(N):
            try:
                raise x
            except ValueError:
                pass
        n = 0
        tb = x.__traceback__
        while tb is not None:
            n += 1
            tb = tb.tb_next
        print("traceback entries", n)
    return x


for kind in ["__context__", "__cause__", "args", "raised", "__traceback__"]:
    x = chain(kind)
    print("built", kind, type(x).__name__)
    del x
    print("dropped", kind)
print("done")
