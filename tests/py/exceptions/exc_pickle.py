# Exceptions pickle and copy: BaseException.__reduce__ and __setstate__,
# with the instance dict when there is one (compared with CPython).
import pickle, copy
class MyErr(Exception):
    def __init__(self, a, b=2):
        super().__init__(a, b)
        self.extra = "x"
for e in [ValueError(1), BaseException("x"), KeyError("k"), Exception(), MyErr(5), StopIteration(3), SystemExit(2)]:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(e, proto))
        assert type(r) is type(e) and r.args == e.args and getattr(r, "__dict__", {}) == getattr(e, "__dict__", {}), (e, proto)
    c = copy.copy(e)
    print(type(c).__name__, c.args, repr(c), getattr(c, "extra", None), e.__reduce__()[0].__name__, len(e.__reduce__()))
e = ValueError(1)
print(e.__reduce__())
e.foo = 3
print(e.__reduce__())
e.__setstate__({"bar": 4}); print(e.bar)
e.__setstate__(None)
try:
    e.__setstate__(5)
except TypeError as x:
    print("TypeError", x)
print(StopIteration(3).value, pickle.loads(pickle.dumps(StopIteration(3))).value)
print(pickle.loads(pickle.dumps(SystemExit(2))).code)
print(pickle.loads(pickle.dumps(KeyError("k"))))
