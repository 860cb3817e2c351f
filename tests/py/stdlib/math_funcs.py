# math: every one-argument float function over edge values (inf, nan, -0.0,
# subnormals, poles, overflow) and pseudo-random values; results by repr.
import math

seed = 12345


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


vals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, 5e-324, -5e-324,
        2.2250738585072014e-308, 1e308, -1e308, 1.7976931348623157e308,
        float('inf'), float('-inf'), float('nan'), 3.0, 10.0, 100.0, 171.5,
        172.0, -171.5, 200.5, -200.5, 0.1, -0.1, 1e-20, 1e-21, 140.5, -140.5,
        710.0, -745.5, 1e-8, 0.9999999999, 1.0000000001, -2.5, -3.5, 23.0,
        24.0, 22.5, 1, -7, True, 2**60, 10**30, -10**30]
vals += [rfloat() for _ in range(60)] + [rfloat(-3, 3) for _ in range(60)]
vals += [rfloat(-1074, 1023) for _ in range(30)]

names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'cos',
         'cosh', 'erf', 'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'gamma',
         'lgamma', 'log', 'log10', 'log1p', 'log2', 'sin', 'sinh', 'sqrt',
         'tan', 'tanh', 'ceil', 'floor', 'trunc', 'frexp', 'modf', 'isfinite',
         'isinf', 'isnan', 'degrees', 'radians', 'ulp']
for n in names:
    f = getattr(math, n)
    print(n)
    for i in range(0, len(vals), 8):
        print('  ', ' '.join(t(f, v) for v in vals[i:i + 8]))

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(type(math.pi).__name__, math.isnan(math.nan), math.inf > 1e308)
print(math.sqrt(2), math.exp(1) == math.e, math.cos(math.pi))
