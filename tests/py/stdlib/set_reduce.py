# set/frozenset __reduce__: copy.deepcopy and pickle of sets (found by bench/classic/deepcopy_bench.py)
import copy
import pickle

print(set([1, 2, 3]).__reduce__())
print(frozenset([3]).__reduce__())
print(set().__reduce_ex__(4), frozenset().__reduce_ex__(2))


class S(set):
    pass


class F(frozenset):
    __slots__ = ("a",)


s = S([5])
s.x = 1
print(s.__reduce__())
f = F([2])
f.a = 3
print(f.__reduce__())
try:
    set().__reduce__(1)
except Exception as e:
    print(type(e).__name__, e)
try:
    frozenset().__reduce__(x=1)
except Exception as e:
    print(type(e).__name__, e)

d = {"fs": frozenset([1, 2, 3]), "s": {4, 5}, "nested": [frozenset([(1, 2)])]}
c = copy.deepcopy(d)
print(c == d, c["s"] is not d["s"], sorted(c["fs"]), type(c["fs"]).__name__)
c2 = copy.copy(s)
print(type(c2).__name__, sorted(c2), c2.x)
c3 = copy.deepcopy(f)
print(type(c3).__name__, sorted(c3), c3.a)
for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
    back = pickle.loads(pickle.dumps(d, proto))
    print(proto, back == d, sorted(back["s"]))
print(sorted(pickle.loads(pickle.dumps(s))), pickle.loads(pickle.dumps(s)).x)
