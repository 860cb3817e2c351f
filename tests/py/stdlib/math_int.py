# math: integer functions (factorial, comb, perm, gcd, lcm, isqrt) with big
# ints, __index__ and their errors; ceil/floor/trunc protocols.
import math


def t(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return type(e).__name__ + ' ' + str(e)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


for n in [0, 1, 2, 5, 20, 21, 30, 100, True, Idx(10), -1, -10**30, 10**30,
          2.0, 'x', None]:
    print('factorial', t(math.factorial, n))
print(len(str(math.factorial(5000))), math.factorial(1000) % (10**9 + 7))

for n in [0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 10**40, 2**200 - 1, 2**200,
          10**400 + 12345, True, Idx(50), -1, 2.0, 'x']:
    print('isqrt', t(math.isqrt, n))

for a in [(), (0,), (-12,), (12, 18), (-12, 18), (0, 0), (0, 5), (12, 18, 27),
          (2**100, 2**80 * 3), (10**30 + 1, 10**15), (1, 1.5), (Idx(12), 8),
          (3, 1, 2.5), (True, 4)]:
    print('gcd', a, t(math.gcd, *a), t(math.lcm, *a))

for n, k in [(10, 3), (10, 0), (10, 10), (10, 11), (0, 0), (1, 1), (100, 50),
             (10**20, 2), (10**20, 10**20 - 1), (2**70, 2**70), (-1, 2),
             (5, -1), (-1, -1), (5.0, 2), (5, 2.0), (Idx(6), Idx(3)),
             (True, True), (10**30, 10**20), (60, 30), (67, 33)]:
    print('comb', n, k, t(math.comb, n, k), t(math.perm, n, k))
print('perm', t(math.perm, 5), t(math.perm, 5, None), t(math.perm, -5),
      t(math.perm, 5.5), t(math.perm, 3, 4), t(math.perm, 10**30, 10**20))
print(t(math.comb, 1000, 500) == repr(math.comb(1000, 500)),
      math.comb(1000, 500) % 1000003, math.perm(1000, 500) % 1000003)


class Num:
    def __ceil__(self):
        return 'ceil'

    def __floor__(self):
        return 'floor'

    def __trunc__(self):
        return 'trunc'


class F(float):
    pass


class IntLike:
    def __index__(self):
        return 7


class FloatLike:
    def __float__(self):
        return 2.5


for v in [2.5, -2.5, 2.0, -0.0, 1e300, 5, -5, True, 10**30, F(3.5), F(-3.5),
          Num(), IntLike(), FloatLike(), float('inf'), float('-inf'),
          float('nan'), 'a', None, [1]]:
    print(type(v).__name__, t(math.ceil, v), t(math.floor, v),
          t(math.trunc, v))
