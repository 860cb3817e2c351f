# numbers: the numeric tower ABCs with builtin, fractions and decimal types,
# registration of a user type, abstract methods.
import numbers
from fractions import Fraction
from decimal import Decimal

for v in (1, True, 2.5, 1j, Fraction(1, 3), Decimal("1.5"), "1", None):
    print(type(v).__name__, [isinstance(v, c) for c in (numbers.Number, numbers.Complex, numbers.Real,
                                                         numbers.Rational, numbers.Integral)])
print(issubclass(int, numbers.Integral), issubclass(float, numbers.Rational), issubclass(complex, numbers.Real))
print(sorted(numbers.Integral.__abstractmethods__))
print(sorted(numbers.Complex.__abstractmethods__)[:6], numbers.Number.__hash__)


class MyInt(numbers.Integral):
    def __init__(self, v):
        self.v = v

    def __int__(self):
        return self.v

    __index__ = __int__
    def __abs__(self): return MyInt(abs(self.v))
    def __add__(self, o): return MyInt(self.v + int(o))
    __radd__ = __add__
    def __and__(self, o): return MyInt(self.v & int(o))
    __rand__ = __and__
    def __ceil__(self): return self.v
    def __eq__(self, o): return self.v == int(o)
    def __floor__(self): return self.v
    def __floordiv__(self, o): return MyInt(self.v // int(o))
    def __rfloordiv__(self, o): return MyInt(int(o) // self.v)
    def __invert__(self): return MyInt(~self.v)
    def __le__(self, o): return self.v <= int(o)
    def __lshift__(self, o): return MyInt(self.v << int(o))
    def __rlshift__(self, o): return MyInt(int(o) << self.v)
    def __lt__(self, o): return self.v < int(o)
    def __mod__(self, o): return MyInt(self.v % int(o))
    def __rmod__(self, o): return MyInt(int(o) % self.v)
    def __mul__(self, o): return MyInt(self.v * int(o))
    __rmul__ = __mul__
    def __neg__(self): return MyInt(-self.v)
    def __or__(self, o): return MyInt(self.v | int(o))
    __ror__ = __or__
    def __pos__(self): return self
    def __pow__(self, o, m=None): return MyInt(pow(self.v, int(o), m))
    def __rpow__(self, o, m=None): return MyInt(pow(int(o), self.v, m))
    def __rshift__(self, o): return MyInt(self.v >> int(o))
    def __rrshift__(self, o): return MyInt(int(o) >> self.v)
    def __round__(self, n=None): return self.v
    def __trunc__(self): return self.v
    def __truediv__(self, o): return self.v / int(o)
    def __rtruediv__(self, o): return int(o) / self.v
    def __xor__(self, o): return MyInt(self.v ^ int(o))
    __rxor__ = __xor__
    def __hash__(self): return hash(self.v)
    def __repr__(self): return f"MyInt({self.v})"


m = MyInt(7)
print(isinstance(m, numbers.Rational), m.numerator, m.denominator, m.real, m.imag, m.conjugate(), float(m), complex(m))
print(m + 1, 3 * m, m // 2, [10, 20, 30, 40, 50, 60, 70, 80][MyInt(2)], Fraction(m, 2), bool(m))


class Half(numbers.Real):
    pass


try:
    Half()
except TypeError as e:
    print("TypeError:", str(e)[:60])


class Meters:
    pass


numbers.Real.register(Meters)
print(isinstance(Meters(), numbers.Real), isinstance(Meters(), numbers.Complex), isinstance(Meters(), numbers.Integral))
