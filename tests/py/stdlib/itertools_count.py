# count(): the int64 fast path, its overflow into an object count, float and
# big steps, reprs and __reduce__ on each side of the boundary.
import itertools as it
for a in [(True,), (0, True), (1.0,), (-2**63,), (2**64, 1), (5, 1.0), (5, 2**64), (-2**63 - 1,), (0, -1)]:
    c = it.count(*a)
    r0 = repr(c), c.__reduce__()
    v = [next(c) for _ in range(3)]
    print(a, r0, v, repr(c), c.__reduce__())
class N:
    def __index__(self): return 3
try:
    print(repr(it.count(N()))[:20])
except Exception as e:
    print(type(e).__name__, e)
class F:
    def __float__(self): return 1.5
    def __add__(self, o): return 'added'
    def __repr__(self): return 'F()'
c = it.count(F()); print(repr(c), next(c))
