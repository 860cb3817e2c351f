# pickle: round trips of builtin types across protocols, classes with
# __getstate__/__setstate__/__reduce__, shared references and cycles,
# dump/load on files, errors, pickletools.
import io
import pickle
import pickletools
import collections
import datetime


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Stateful:
    def __init__(self):
        self.a = 1
        self.cache = "drop me"

    def __getstate__(self):
        return {"a": self.a}

    def __setstate__(self, st):
        self.__dict__.update(st)
        self.restored = True


class Reduced:
    def __init__(self, v):
        self.v = v

    def __reduce__(self):
        return (Reduced, (self.v * 2,))


data = [None, True, 1, -2**70, 3.5, 1 + 2j, "str é", b"\x00bytes", bytearray(b"ba"), (1, (2,)), [1, [2]],
        {"k": {1, 2}}, frozenset([3]), range(1, 9, 2), slice(1, 2), Ellipsis, NotImplemented, Point(1, 2),
        collections.OrderedDict(a=1), collections.deque([1, 2]), collections.Counter("aab"), datetime.date(2020, 1, 2)]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    print(proto, pickle.loads(pickle.dumps(data, protocol=proto)) == data)
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL, pickle.dumps(None, 0), pickle.dumps(1, 2))
print(pickle.dumps([1, "a"], protocol=0))
print(pickle.dumps((1, 2.0, "x"), protocol=4))
s = pickle.loads(pickle.dumps(Stateful()))
print(s.__dict__)
print(pickle.loads(pickle.dumps(Reduced(5))).v)
shared = [1]
obj = [shared, shared]
obj.append(obj)
back = pickle.loads(pickle.dumps(obj))
print(back[0] is back[1], back[2] is back, back[0])
f = io.BytesIO()
pickle.dump({"x": 1}, f)
pickle.dump([2], f)
f.seek(0)
print(pickle.load(f), pickle.load(f))
p = pickle.Pickler(io.BytesIO(), protocol=2)
print(pickle.loads(pickle.dumps(Point, 3)) is Point, pickle.loads(pickle.dumps(len)) is len)
ops = [op.name for op, arg, pos in pickletools.genops(pickle.dumps((1, "a"), protocol=2))]
print(ops)
print(pickletools.optimize(pickle.dumps([1, 1], 2)) == pickle.dumps([1, 1], 2) or "optimized")


# The exception types only: pvm runs pickle's pure-Python Pickler and
# Unpickler (no _pickle yet), whose messages differ from the C module's.
def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__)


err(lambda: pickle.loads(b""))
err(lambda: list(pickle.loads(pickle.dumps(iter([1, 2, 3])))))
it = iter(["a", "b", "c"])
next(it)
print(list(pickle.loads(pickle.dumps(it))), list(pickle.loads(pickle.dumps(enumerate("xy", 3)))), next(it))
err(lambda: pickle.loads(pickle.dumps(1)[:-1]))
print(issubclass(pickle.UnpicklingError, pickle.PickleError), pickle.PicklingError.__mro__[1].__name__)
