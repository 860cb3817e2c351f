# Chains of exceptions: through __context__, __cause__, args, and through
# __traceback__ (traceback -> frame -> local holding the previous one).
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
        for i in range(N // 4):
            prev = x
            try:
                raise ValueError(i)
            except ValueError as e:
                x = e
    return x


for kind in ["__context__", "__cause__", "args", "raised", "__traceback__"]:
    x = chain(kind)
    print("built", kind, type(x).__name__)
    del x
    print("dropped", kind)
print("done")
