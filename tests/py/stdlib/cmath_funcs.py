# cmath: every function over special values (inf, nan, signed zeros: the
# C99 Annex G tables), huge and subnormal parts and pseudo-random values.
import cmath

seed = 31


def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
    return seed


def rfloat(lo=-30, hi=30):
    m = (rnd() >> 11) / 2**53
    e = lo + rnd() % (hi - lo + 1)
    return (-1 if rnd() & 1 else 1) * m * 2.0 ** e


def t(f, *a):
    try:
        return repr(f(*a))
    except Exception as e:
        return type(e).__name__ + ' ' + str(e)


inf, nan = float('inf'), float('nan')
parts = [0.0, -0.0, 1.0, -1.0, -2.3, 2.3, 1e-310, 5e-324, 1e308, -1e308,
         1e154, 710.5, -710.5, inf, -inf, nan, 0.7]
zs = [complex(a, b) for a in parts for b in parts]
zs += [complex(rfloat(), rfloat()) for _ in range(40)]
zs += [complex(rfloat(-3, 3), rfloat(-3, 3)) for _ in range(40)]
zs += [complex(rfloat(-1074, 1023), rfloat(-1074, 1023)) for _ in range(20)]
zs += [2, -3.5, True, 10**20]

for n in ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh',
          'exp', 'log', 'log10', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
          'phase', 'polar', 'isfinite', 'isinf', 'isnan']:
    f = getattr(cmath, n)
    print(n)
    for i in range(0, len(zs), 6):
        print('  ', ' '.join(t(f, z) for z in zs[i:i + 6]))
print('rect')
for a in parts:
    print('  ', ' '.join(t(cmath.rect, a, b) for b in parts))
print('  ', ' '.join(t(cmath.rect, rfloat(), rfloat()) for _ in range(10)))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan,
      cmath.nanj)
