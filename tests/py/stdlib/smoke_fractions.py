# fractions: construction from ints, strings, floats and Decimals,
# arithmetic, limit_denominator, comparisons and errors.
from fractions import Fraction as F
from decimal import Decimal
import math

print(F(3, 6), F(-4, 8), F(5), F("3/7"), F(" -1.25 "), F("1e-3"), F(0.5), F(Decimal("0.75")))
print(repr(F(1, 3)), F(1, 3).numerator, F(1, 3).denominator, F(6, -4))
a, b = F(1, 3), F(1, 6)
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(F(7, 2), F(2, 3)), -a, abs(-a))
print(a ** 2, a ** -2, F(4, 9) ** F(1, 2), 2 ** F(1, 2), F(1, 2) + 1, 1.5 + F(1, 2), F(1, 2) + 1j)
print(F(1, 3) == 1 / 3, F(1, 2) == 0.5, F(1, 2) < 0.6, F(2, 4) == F(1, 2), sorted([F(1, 2), F(1, 3), 0.4]))
print(F(math.pi).limit_denominator(1000), F("3.14159").limit_denominator(100), F(1, 3).limit_denominator(2))
print(math.floor(F(7, 2)), math.ceil(F(7, 2)), round(F(7, 2)), round(F(5, 2)), round(F(12345, 1000), 2))
print(int(F(-7, 2)), float(F(1, 8)), F(3, 4).as_integer_ratio(), F.from_float(0.1), F.from_decimal(Decimal("1.1")))
print(hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3), bool(F(0)), F(10, 4).is_integer() if hasattr(F, "is_integer") else "-")
print(f"{float(F(2, 3)):.4f}", str(F(22, 7)), F(1, 2) > F(1, 3) >= F(1, 3))


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


err(lambda: F(1, 0))
err(lambda: F("1/0"))
err(lambda: F("abc"))
err(lambda: F(float("nan")))
err(lambda: F(float("inf")))
err(lambda: F(1, 2) / 0)
err(lambda: F(1.5, 2))
