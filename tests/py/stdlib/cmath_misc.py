# cmath: log with a base (errors decided as CPython: the base's log, then
# the division), isclose, argument conversion (__complex__, __float__,
# __index__) and error messages.
import cmath


def t(f, *a, **k):
    try:
        return repr(f(*a, **k))
    except Exception as e:
        return type(e).__name__ + ' ' + str(e)


inf, nan = float('inf'), float('nan')
for x, b in [(8, 2), (100, 10), (1j, 2), (-1, 1j), (0, 2), (2, 0), (1, 1),
             (0, 0), (inf, 2), (2, inf), (nan, 2), (3 + 4j, 1 - 1j), (2, -1),
             (10**400, 2)]:
    print('log', x, b, t(cmath.log, x, b))
print(t(cmath.log, 0), t(cmath.log, -0.0), t(cmath.log10, 0), t(cmath.log10, 100))


class C:
    def __complex__(self):
        return 1 + 2j


class BadC:
    def __complex__(self):
        return 5


class F:
    def __float__(self):
        return 0.25


class I:
    def __index__(self):
        return 4


class CC(complex):
    pass


for v in [C(), BadC(), F(), I(), CC(1, 1), 'a', None, [1], b'x']:
    print(type(v).__name__, t(cmath.sqrt, v), t(cmath.phase, v),
          t(cmath.isnan, v))

print(t(cmath.isclose, 1 + 1j, 1 + 1j), t(cmath.isclose, 1j, 1.0000000001j),
      t(cmath.isclose, 1j, 1.1j), t(cmath.isclose, 1j, 1.1j, rel_tol=0.2),
      t(cmath.isclose, 0j, 1e-10j, abs_tol=1e-9),
      t(cmath.isclose, complex(inf, 0), complex(inf, 0)),
      t(cmath.isclose, complex(inf, 1), complex(inf, 2)),
      t(cmath.isclose, complex(nan, 0), complex(nan, 0)),
      t(cmath.isclose, 1j, 1j, rel_tol=-1), t(cmath.isclose, 1j, 1j, abs_tol=-1),
      t(cmath.isclose, 1j), t(cmath.isclose, 1j, 1j, 1), t(cmath.isclose, 1j, 'a'),
      t(cmath.isclose, a=1j, b=1j))
print(t(cmath.sqrt), t(cmath.sqrt, 1, 2), t(cmath.sqrt, z=1), t(cmath.log),
      t(cmath.log, 1, 2, 3), t(cmath.log, x=1), t(cmath.log, 1, 'a'),
      t(cmath.rect, 1), t(cmath.rect, 1, 2, 3), t(cmath.rect, r=1, phi=2),
      t(cmath.rect, 1j, 0), t(cmath.rect, 'a', 1), t(cmath.polar),
      t(cmath.phase, 1, 2))
print(t(cmath.exp, 1000), t(cmath.exp, complex(1000, 1)), t(cmath.cosh, 1000),
      t(cmath.sinh, -1000j + 800), t(cmath.atanh, 1), t(cmath.atanh, -1),
      t(cmath.exp, complex(0, inf)), t(cmath.rect, 2, inf), t(cmath.rect, 0, inf),
      t(cmath.polar, complex(1e308, 1e308)), t(cmath.polar, complex(inf, nan)),
      t(cmath.phase, complex(1e10, 1e-320)), t(cmath.phase, complex(-1, -0.0)))
print(type(cmath.sqrt).__name__, cmath.sqrt.__name__, cmath.__name__)
print(sorted(k for k in dir(cmath) if not k.startswith('_')))
print(repr(cmath.__doc__))
