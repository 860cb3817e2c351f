import collections, collections.abc
class Seq(collections.abc.Sequence):
    __getitem__ = None
    def __len__(self):
        return 0
match Seq():
    case []:
        print("empty seq")
class Seq2(collections.abc.Sequence):
    def __getitem__(self, i):
        if i >= 5: raise IndexError
        return i
    def __len__(self):
        return 5
match Seq2():
    case [x, *_, y]:
        print(x, y)
x = collections.UserDict({0: 1, 2: 3})
match x:
    case {2: 3, **z}:
        print("map", z)
def check(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
    return None
class C: pass
class M1(collections.UserDict, collections.abc.Sequence): pass
class M2(C, collections.UserDict, collections.abc.Sequence): pass
class M3(collections.UserDict, C, list): pass
class M4(dict, collections.abc.Sequence, C): pass
class S1(collections.UserList, collections.abc.Mapping): pass
class S3(list, C, collections.abc.Mapping): pass
class S4(collections.UserList, dict, C): pass
for k in (M1, M2, M3, M4, S1, S3, S4, C, collections.UserList, collections.OrderedDict, collections.deque, range):
    try:
        print(k.__name__, check(k()))
    except Exception as e:
        print(k.__name__, type(e).__name__, e)
class Str(str): pass
print(check("abc"), check(Str("x")), check(b"x"), check(bytearray()))
class Counting(collections.abc.Sequence):
    calls = 0
    def __getitem__(self, i):
        return i
    def __len__(self):
        Counting.calls += 1
        return 42
match Counting():
    case [a, b, *_, c, d]:
        print(a, b, c, d, Counting.calls)
class NotSeq:
    __abc_tpflags__ = 0
print(check(NotSeq()))
