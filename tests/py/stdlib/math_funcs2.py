# math: two-argument float functions (atan2, copysign, fmod, pow, remainder,
# nextafter, hypot, log with base, isclose, ldexp) over edge-value pairs.
import math

seed = 777


def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
    return seed


def rfloat(lo=-30, hi=30):
    m = (rnd() >> 11) / 2**53
    e = lo + rnd() % (hi - lo + 1)
    s = -1 if rnd() & 1 else 1
    return s * m * 2.0 ** e


def t(f, *a):
    try:
        return repr(f(*a))
    except Exception as e:
        return type(e).__name__ + ' ' + str(e)


inf, nan = float('inf'), float('nan')
edge = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1.5, 5e-324,
        1e308, -1e308, inf, -inf, nan, 0.1, 1e-300, 7, -4]
pairs = [(a, b) for a in edge for b in edge]
rv = [rfloat() for _ in range(120)]
pairs += [(rv[i], rv[i + 1]) for i in range(0, len(rv) - 1, 2)]

for n in ['atan2', 'copysign', 'fmod', 'pow', 'remainder', 'nextafter',
          'hypot', 'log', 'isclose']:
    f = getattr(math, n)
    print(n)
    for i in range(0, len(pairs), 8):
        print('  ', ' '.join(t(f, a, b) for a, b in pairs[i:i + 8]))

for a, b in [(5.0, 2.0), (-5.0, 2.0), (4.0, 2.0), (-4.0, 2.0), (6.0, 4.0),
             (-6.0, 4.0), (7.5, 5.0), (1e300, 3.0), (3.0, 1e300)]:
    print('remainder', a, b, t(math.remainder, a, b), t(math.fmod, a, b))

print('isclose', math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1),
      math.isclose(1.0, 1.1, rel_tol=0.2), math.isclose(0.0, 1e-10),
      math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(inf, inf),
      math.isclose(inf, -inf), math.isclose(nan, nan), math.isclose(a=1, b=1))
for e in [0, 1, -1, 1023, 1024, -1074, -1075, 10**20, -10**20, 2**31,
          -2**31, True]:
    print('ldexp', e, t(math.ldexp, 1.5, e), t(math.ldexp, -0.0, e),
          t(math.ldexp, 5e-324, e), t(math.ldexp, inf, e), t(math.ldexp, nan, e))
for x in [1e300, 1e-300, 0.1, 1.5, 2.0]:
    for y in [0.5, 1.5, -0.5, 308.0, -308.0, 1000.0, -1000.0, 2.5]:
        print('pow', x, y, t(math.pow, x, y), t(math.pow, -x, y))
