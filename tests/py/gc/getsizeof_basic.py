# sys.getsizeof and __sizeof__: properties that hold in pvm and CPython
# (the sizes themselves differ; docs/memory.md has a table).
import sys


def grows(make, sizes):
    vals = [sys.getsizeof(make(n)) for n in sizes]
    return all(a <= b for a, b in zip(vals, vals[1:])) and vals[0] < vals[-1]


sizes = [0, 1, 10, 100, 1000]
print("list grows", grows(lambda n: list(range(n)), sizes))
print("tuple grows", grows(lambda n: tuple(range(n)), [1, 10, 100, 1000]))
print("dict grows", grows(lambda n: dict.fromkeys(range(n)), sizes))
print("set grows", grows(lambda n: set(range(n)), sizes))
print("frozenset grows", grows(lambda n: frozenset(range(n)), sizes))
print("str grows", grows(lambda n: "a" * n, sizes))
print("bytes grows", grows(lambda n: b"a" * n, sizes))
print("bytearray grows", grows(lambda n: bytearray(n), sizes))
print("int grows", grows(lambda n: 10 ** (n * 10), [1, 10, 100]))

l = []
before = sys.getsizeof(l)
for i in range(1000):
    l.append(i)
print("appends grow the list", sys.getsizeof(l) > before)
l.clear()
print("clear shrinks it", sys.getsizeof(l) < sys.getsizeof(list(range(1000))))

# containers: getsizeof adds the collector's 16-byte head to __sizeof__
for o in ([], [1, 2], {}, {"a": 1}, set(), {1}, (1, 2)):
    print(type(o).__name__, sys.getsizeof(o) - o.__sizeof__())
# atoms: nothing added
for o in (1, 2 ** 100, 1.5, "abc", b"abc", None, True):
    print(type(o).__name__, sys.getsizeof(o) - o.__sizeof__())
print("default ignored", sys.getsizeof([], 12345) == sys.getsizeof([]))


class Big:
    def __sizeof__(self):
        return 1000


print("__sizeof__ override", sys.getsizeof(Big()) >= 1000, Big().__sizeof__())


class L(list):
    pass


x = L(range(100))
print("subclass at least its base", sys.getsizeof(x) >= sys.getsizeof(list(range(100))))


class A:
    def __sizeof__(self):
        return "x"


class B:
    def __sizeof__(self):
        return -1


class C:
    def __sizeof__(self):
        return 2 ** 70


class D:
    def __sizeof__(self):
        return 5.0


class G:
    __sizeof__ = None


for c in (A, B, C, D, G):
    for args in ((), (7,)):
        try:
            print(c.__name__, sys.getsizeof(c(), *args))
        except Exception as e:
            print(c.__name__, type(e).__name__, e)

for f, args in [(sys.getsizeof, ()), (object.__sizeof__, (1, 2)), ([].__sizeof__, (1,)),
                ({}.__sizeof__, (1,)), (set().__sizeof__, (1,)), (frozenset().__sizeof__, (1,)),
                ((1,).__sizeof__, (1,)), (bytearray().__sizeof__, (1,))]:
    try:
        f(*args)
    except TypeError as e:
        print(type(e).__name__, e)
