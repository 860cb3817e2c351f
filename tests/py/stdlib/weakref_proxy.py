# _weakref.proxy: forwarding and ReferenceError after death.
import _weakref

proxy = _weakref.proxy


class V:
    def __init__(self, x):
        self.x = x
        self.items = [1, 2, 3]

    def __add__(self, o):
        return "add %s" % (o,)

    def __radd__(self, o):
        return "radd %s" % (o,)

    def __len__(self):
        return 3

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __contains__(self, v):
        return v in self.items

    def __iter__(self):
        return iter(self.items)

    def __eq__(self, o):
        return isinstance(o, V) and o.x == self.x

    __hash__ = None

    def __neg__(self):
        return "neg"

    def __str__(self):
        return "V(%s)" % self.x

    def __bool__(self):
        return False


v = V(7)
p = proxy(v)
print(type(p).__name__, type(p) is _weakref.ProxyType, proxy(v) is p)
print(p.x, len(p), p[1], 2 in p, list(p), p + 1, 1 + p, -p, str(p), bool(p))
p.y = 5
print(v.y)
p[0] = 10
del p[2]
print(v.items, p == V(7), p != V(7), p == v)
del p.y
print(hasattr(v, "y"))
print(repr(p).startswith("<weakproxy at 0x"), " to V at 0x" in repr(p))
try:
    hash(p)
except TypeError as e:
    print(type(e).__name__, e)


def f(a, b=2):
    return a * b


cp = proxy(f)
print(type(cp).__name__, type(cp) is _weakref.CallableProxyType, cp(3), cp(3, b=4))
try:
    p()
except TypeError as e:
    print(type(e).__name__, e)

log = []
w = V(1)
pw = proxy(w, lambda r: log.append(r is pw))
print(_weakref.getweakrefcount(w), _weakref.getweakrefcount(v))
del w
print(log)
del v
for op in [lambda: p.x, lambda: len(p), lambda: p + 1, lambda: str(p), lambda: p[0], lambda: bool(p),
           lambda: setattr(p, "z", 1), lambda: 1 in p, lambda: iter(p)]:
    try:
        op()
        print("no error")
    except ReferenceError as e:
        print(type(e).__name__, e)
print(repr(p).startswith("<weakproxy at 0x"))
try:
    _weakref.ProxyType(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    proxy([])
except TypeError as e:
    print(type(e).__name__, e)
# bytes() and reversed() of a proxy call the referent's __bytes__ / __reversed__.
import weakref as _wr


class _B(list):
    def __bytes__(self):
        return b"bytes"


_b = _B([1, 2, 3])
print(bytes(_wr.proxy(_b)), list(reversed(_wr.proxy(_b))), "__bytes__" in dir(_wr.proxy(_b)))
try:
    bytes(_wr.proxy(_wr))
except TypeError as e:
    print("TypeError", e)
