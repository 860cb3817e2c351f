# math: argument errors (counts, keywords, non-numbers) and CPython's exact
# messages.
import math


def t(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return type(e).__name__ + ' ' + str(e)


class Bad:
    def __float__(self):
        raise RuntimeError('boom')


class WrongFloat:
    def __float__(self):
        return 'no'


for name in ['sqrt', 'exp', 'gamma', 'log2', 'isnan', 'ulp', 'frexp',
             'modf', 'fsum', 'factorial', 'isqrt', 'ceil', 'floor', 'trunc']:
    f = getattr(math, name)
    print(name, t(f), t(f, 1, 2), t(f, x=1), t(f, 'a'), t(f, None),
          t(f, Bad()), t(f, WrongFloat()), t(f, 1j))
for name in ['atan2', 'copysign', 'fmod', 'pow', 'remainder', 'nextafter',
             'ldexp', 'comb', 'dist']:
    f = getattr(math, name)
    print(name, t(f), t(f, 1), t(f, 1, 2, 3), t(f, x=1, y=2), t(f, 'a', 1),
          t(f, 1, 'a'))
print(t(math.log), t(math.log, 1, 2, 3), t(math.log, x=1), t(math.log, 'a'),
      t(math.log, 0), t(math.log, -1), t(math.log, 0.0), t(math.log, 1, 1),
      t(math.log, 1, 0), t(math.log, 8, 2), t(math.log, 100, 10),
      t(math.log, -10**400), t(math.log, 10**400, 0))
print(t(math.hypot, x=1), t(math.gcd, a=1), t(math.lcm, a=1),
      t(math.perm), t(math.perm, 1, 2, 3), t(math.isclose, 1),
      t(math.isclose, 1, 2, 3), t(math.isclose, 1, 1, rel_tol=-1),
      t(math.isclose, 1, 1, abs_tol=-1), t(math.isclose, 1, 1, tol=1),
      t(math.isclose, 1, b=1, a=2), t(math.isclose, 1, 1, rel_tol='x'))
print(t(math.exp, 1000), t(math.exp, -1000), t(math.cosh, 1000),
      t(math.sqrt, -1), t(math.acos, 2), t(math.atanh, 1), t(math.gamma, 0),
      t(math.gamma, -1), t(math.gamma, 172), t(math.lgamma, -1),
      t(math.lgamma, 1e308), t(math.expm1, 1000), t(math.exp2, 1024),
      t(math.ldexp, 1.0, 1.5), t(math.fmod, 1, 0), t(math.pow, 0, -1),
      t(math.pow, -1, 0.5), t(math.pow, 10, 400), t(math.remainder, 1, 0),
      t(math.remainder, math.inf, 1), t(math.sqrt, 10**400),
      t(math.exp, 10**400), t(math.frexp, 10**400))
print(type(math.sqrt).__name__, math.sqrt.__name__, math.__name__)
print(sorted(k for k in dir(math) if not k.startswith('_')))
print(repr(math.__doc__))
