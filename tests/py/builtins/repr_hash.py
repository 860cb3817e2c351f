# repr and deterministic hash (ints, tuples of ints, None, bool)
print(repr(1), repr("a"), repr([1, "a"]), repr((1,)), repr({1: "x"}), repr(None), repr(1.5))
print(repr("new\nline"), repr("tab\t"), repr("uni é"), repr(b"bytes\x00"))
print(hash(0), hash(1), hash(-1), hash(-2), hash(42), hash(10 ** 18))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 62), hash(-(2 ** 61)), hash(2 ** 100))
print(hash(True), hash(False), hash(None) == hash(None))
print(hash((1, 2)), hash(()), hash((1,)), hash((1, (2, 3))), hash((-1, -2)))
print(hash(1.0) == hash(1), hash(-0.0) == hash(0), hash(2.0) == hash(2))
print(hash(2 ** 64 - 1), hash(-(2 ** 64)), hash(12345678901234567890))
print(hash((True, False, None)) == hash((True, False, None)))
print(hash(frozenset()) == hash(frozenset()))
try:
    hash({})
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash({1})
except TypeError as e:
    print(type(e).__name__, e)
class H:
    def __hash__(self):
        return 123
print(hash(H()))
class Big:
    def __hash__(self):
        return 2 ** 100
print(hash(Big()))
