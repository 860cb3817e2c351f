# type.__basicsize__ and __itemsize__ exist, read-only; their values are the
# implementation's own, so only their relations are printed.
class A:
    pass


class T(tuple):
    pass


print(object.__basicsize__ > 0, tuple.__itemsize__ > 0, A.__basicsize__ >= object.__basicsize__)
print(T.__itemsize__ == tuple.__itemsize__, bytes.__itemsize__, object.__itemsize__, list.__itemsize__)
print(type(object.__basicsize__).__name__, type(tuple.__itemsize__).__name__)
for name in ("__basicsize__", "__itemsize__"):
    try:
        setattr(A, name, 3)
    except (TypeError, AttributeError) as e:
        print(name, type(e).__name__)
