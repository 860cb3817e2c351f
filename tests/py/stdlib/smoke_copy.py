# copy: shallow and deep copies, memo and cycles, __copy__/__deepcopy__,
# __reduce_ex__-driven copies, copy.replace-free 3.11 API and errors.
import copy


class P:
    def __init__(self, xs):
        self.xs = xs


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Custom(("shallow", self.v))

    def __deepcopy__(self, memo):
        return Custom(("deep", copy.deepcopy(self.v, memo)))


class Slots:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]
        self.b = 2


nested = [[1, 2], {"k": [3]}, (4, [5])]
s = copy.copy(nested)
d = copy.deepcopy(nested)
print(s == nested, s is nested, s[0] is nested[0], d[0] is nested[0], d[2][1] is nested[2][1])
t = (1, 2, "x")
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [2]))[1] is (1, [2])[1])
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)
p = P([1, 2])
p2, p3 = copy.copy(p), copy.deepcopy(p)
print(type(p2).__name__, p2.xs is p.xs, p3.xs is p.xs, p3.xs)
c = Custom([1])
print(copy.copy(c).v, copy.deepcopy(c).v)
sl = copy.deepcopy(Slots())
print(sl.a, sl.b, copy.copy(Slots()).a)
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is not shared)
memo = {}
x = copy.deepcopy([shared], memo)
print(id(shared) in memo, memo[id(shared)] == [0])
print(copy.copy(len) is len, copy.deepcopy(P) is P, copy.copy(range(3)))
s2 = {1, 2}
fz = frozenset([1])
print(copy.deepcopy(s2) == s2, copy.copy(fz) is fz, copy.deepcopy(bytearray(b"ab")))
print(copy.Error is copy.error, issubclass(copy.Error, Exception))
import collections
od = collections.OrderedDict(a=1, b=[2])
print(copy.deepcopy(od), copy.copy(collections.Counter("aab")))
