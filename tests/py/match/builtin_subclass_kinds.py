# Built-in subclasses of dict/list (collections.defaultdict, OrderedDict,
# deque subclasses...) match mapping and sequence patterns like their bases.
import collections

def kind(x):
    match x:
        case {0: v}:
            return "mapping with 0 -> %r" % (v,)
        case {}:
            return "mapping"
        case [*items]:
            return "sequence of %d" % len(items)
        case _:
            return "other"

dd = collections.defaultdict(int)
print(kind(dd), dict(dd))
dd[0] = 5
print(kind(dd))
print(kind(collections.OrderedDict(a=1)))
print(kind(collections.Counter("aab")))
print(kind(collections.deque([1, 2, 3])))
class D(collections.defaultdict):
    pass
print(kind(D(list)))
class L(list):
    pass
print(kind(L([1])))
print(kind("abc"), kind(b"ab"), kind(bytearray(b"x")))
