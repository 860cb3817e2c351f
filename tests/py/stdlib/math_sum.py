# math: fsum (exact, half-even across partials, specials, overflow), hypot
# and dist (n-ary, scaled, subnormals), prod with start.
import math

seed = 4242


def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
    return seed


def rfloat(lo=-30, hi=30):
    m = (rnd() >> 11) / 2**53
    e = lo + rnd() % (hi - lo + 1)
    s = -1 if rnd() & 1 else 1
    return s * m * 2.0 ** e


def t(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return type(e).__name__ + ' ' + str(e)


inf, nan = float('inf'), float('nan')
cases = [[], [0.0], [-0.0], [-0.0, -0.0], [1e-16, 1, 1e16], [1e16, 1, 1e-16],
         [0.1] * 10, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50],
         [2.0**53, -0.5, -2.0**-54], [2.0**53, 1.0, 2.0**-100],
         [1.7976931348623157e308, 1.7976931348623157e308], [1e308, 1e308, -1e308],
         [inf, 1.0], [inf, -inf], [inf, inf], [nan, 1.0], [-inf, nan],
         [1, 2, 3], [True, 2**60, 0.5], iter([0.5, 0.25]), range(10),
         [1, 'a'], 5, [2**1024]]
for c in cases:
    print('fsum', t(math.fsum, c))
for i in range(60):
    v = [rfloat(-60, 60) for _ in range(1 + rnd() % 12)]
    v += [-x for x in v[:len(v) // 2]]
    print('fsum', t(math.fsum, v), t(math.fsum, v[::-1]))

for a in [(), (3,), (-3,), (3, 4), (3, 4, 12), (-0.0, 0.0), (inf, nan),
          (nan, 1.0), (1e308, 1e308), (1e-310, 2e-310, 3e-320),
          (5e-324, 5e-324), (1e200, 1e-200), (True, 2), (10**20, 1),
          (1.5, 'x'), (10**400, 1)]:
    print('hypot', a, t(math.hypot, *a))
for i in range(100):
    v = [rfloat() for _ in range(1 + rnd() % 7)]
    w = [rfloat(-1070, -1020) for _ in range(1 + rnd() % 3)]
    print('hypot', t(math.hypot, *v), t(math.dist, v, v[::-1]), t(math.hypot, *w))

for p, q in [((1, 2), (4, 6)), ([1.5], [2.5]), ((), ()), ((1, 2), (1,)),
             (iter([0, 0]), (3, 4)), ('ab', 'cd'), (1, 2), ((1, inf), (2, 3)),
             ((nan,), (1,)), (range(3), (1, 1, 1))]:
    print('dist', t(math.dist, p, q))

for a, k in [([], {}), ([1, 2, 3, 4], {}), ([1.5, 2, 3], {}),
             ([2] * 100, {}), (range(1, 20), {'start': 2}), ([], {'start': 'x'}),
             (['ab', 3], {}), ([3, 'ab'], {}), ([1, 2], {'start': 1.0}),
             ([1, 'x', None], {}), (5, {}), ([1j, 2], {})]:
    print('prod', t(math.prod, a, **k))
print(t(math.prod, [1], 2), t(math.prod), t(math.prod, [1], begin=2),
      t(math.prod, start=2), t(math.prod, [1], start=2, x=3))
# many arguments: heap buffers for hypot/dist, many fsum partials
print(t(math.hypot, *range(40)), t(math.dist, range(40), range(1, 41)))
print(t(math.fsum, [2.0**i for i in range(-1074, 1023, 3)] +
        [-2.0**i for i in range(-1074, 1023, 5)]))
print(t(math.gcd, *range(0, 1000, 6)), t(math.lcm, *range(1, 60)))
print(t(math.log, 2**(2**20)), t(math.log2, 2**(2**20) + 1), t(math.log10, 10**5000))
print(t(math.comb, 2**64, 2), t(math.perm, 2**64, 3), t(math.comb, 2**64 + 5, 2**64 + 3),
      t(math.perm, 10**20, 10**20 + 1), t(math.comb, 10**20, 10**19))
