# reduce, cmp_to_key and _lru_cache_wrapper from the native _functools module.
import _functools as f


def t(src):
    try:
        r = eval(src)
    except Exception as e:
        print(src, '!!', type(e).__name__, e)
    else:
        print(src, '->', r)


for s in [
    "f.reduce()", "f.reduce(1, [])", "f.reduce(lambda a, b: a + b, [])", "f.reduce(lambda a, b: a + b, [], 5)",
    "f.reduce(lambda a, b: a + b, [1, 2, 3])", "f.reduce(lambda a, b: a + b, 1)", "f.reduce(x=1)",
    "f.reduce(lambda a, b: a * b, range(1, 10), 1)", "f.reduce(max, [3], 0)", "f.reduce(1, [1, 2])",
    "f.reduce(len, [1], 2, 3)", "f.reduce(lambda a, b: a + b, 'abc')",
    "f.cmp_to_key()", "f.cmp_to_key(1, 2)", "type(f.cmp_to_key(len)).__name__", "f.cmp_to_key(len)(1) < 2",
    "sorted([3, 1, 2], key=f.cmp_to_key(lambda a, b: a - b))",
    "sorted('bca', key=f.cmp_to_key(lambda a, b: (a > b) - (a < b)), reverse=True)",
    "f.cmp_to_key(len)()", "f.cmp_to_key(len)(1).obj", "hash(f.cmp_to_key(len)(1))",
    "f.cmp_to_key(mycmp=lambda a, b: 0)(1) == f.cmp_to_key(lambda a, b: 0)(2)",
    "f._lru_cache_wrapper(1, 2, 3, 4)", "f._lru_cache_wrapper(len, 'a', 2, 3)", "f._lru_cache_wrapper(len)",
]:
    t(s)


class Info(tuple):
    def __new__(cls, *a):
        return tuple.__new__(cls, a)


calls = []


def sq(x, y=0):
    calls.append(x)
    return x * x + y


w = f._lru_cache_wrapper(sq, 2, False, Info)
print(w(2), w(3), w(2), w(4), w(3), w(2), calls, w.cache_info())
print(w(2, y=1), w(2, y=1), w(x=2, y=1), w.cache_info())
w.cache_clear()
print(w.cache_info(), w(3), w.cache_info())
try:
    w([1])
except TypeError as e:
    print('TypeError', e)
u = f._lru_cache_wrapper(sq, None, False, Info)
for i in list(range(50)) + list(range(50)):
    u(i)
print(u.cache_info())
z = f._lru_cache_wrapper(sq, 0, False, Info)
print(z(1), z(1), z.cache_info())
neg = f._lru_cache_wrapper(sq, -5, False, Info)
print(neg(1), neg.cache_info())
ty = f._lru_cache_wrapper(sq, 10, True, Info)
print(ty(1), ty(1.0), ty(True), ty.cache_info())
unt = f._lru_cache_wrapper(sq, 10, False, Info)
print(unt(1), unt(1.0), unt(True), unt.cache_info())
print(hasattr(w, '__wrapped__'), w.__copy__() is w, w.__deepcopy__({}) is w)
w.__qualname__ = 'sq'
print(w.__reduce__())
w.extra = 1
print(w.__dict__)


class K:
    def __init__(self):
        self.n = 0

    def method(self, a):
        self.n += 1
        return (a, self.n)

    method = f._lru_cache_wrapper(method, 8, False, Info)


k = K()
print(k.method(1), k.method(1), k.method(2), K.method.cache_info())

# An LRU of size 3 evicts the least recently used key.
calls.clear()
l3 = f._lru_cache_wrapper(sq, 3, False, Info)
for x in [1, 2, 3, 1, 4, 2, 1, 3]:
    l3(x)
print(calls, l3.cache_info())


def fib(n):
    return n if n < 2 else cfib(n - 1) + cfib(n - 2)


cfib = f._lru_cache_wrapper(fib, 100, False, Info)
print(cfib(80), cfib.cache_info())


def boom(x):
    raise ValueError(x)


b = f._lru_cache_wrapper(boom, 4, False, Info)
for _ in range(2):
    try:
        b(1)
    except ValueError as e:
        print('ValueError', e)
print(b.cache_info())
print(f.__doc__, sorted(n for n in dir(f) if not n.startswith('__')))
