# complex(): numbers, two arguments, strings, protocols, errors, subclasses.
print(complex(), complex(1), complex(1.5), complex(True), complex(2, 3), complex(2.5, -1.5))
print(complex(1j), complex(1j, 1j), complex(1 + 2j, 3 + 4j), complex(2, 1j), complex(0, -0.0))
print(complex(real=1, imag=2), complex(imag=2), complex(real=3j), complex(1, imag=-1))
print(complex(-0.0), complex(-0.0, 0), complex(0, -0.0), complex(2 ** 100), complex(False, True))
z = 1 + 2j
print(complex(z) is z, complex(z) == z)
for s in ["1+2j", " ( 1.5-3j ) ", "j", "-j", "+j", "J", "inf+nanj", "-inf-infj", "nanj",
          "infinityj", "-Infinity", "NaN", "1e5", "1e-5j", ".5j", "5.j", "1.5e+3-2.5E-3J", "1-j",
          "1+J", "  3  ", "(3)", "(j)", "1_000+2_0j", "\t1+1j\n", "0x", "1e", "in", " ", "",
          "1 +2j", "1+ 2j", "(1+2j", "1+2j)", "((1+2j))", "1+2j+3j", "1+2", "1j+2", "jj", "j1",
          "1+2ji", "_1", "1__0", "1_", "1_j", "1+_2j", "1\x002", "1_\x002", "1e1_0j", "+1-1j",
          "-1+-1j", "--1", "1.2.3", "(1+2j) ", " (1+2j)", "1.e5j", "nan+nan", "infj+1",
          "\u0661\u0662j", "1\u2003+2j", "\u00a01j\u00a0", "1\u00e9j", "1e500+1e500j", "-0j",
          "-0-0j", "0.0-0.0j", "\x1c1j\x1f", "\x0b1j\x0c", "1j\x85", "\u30001+1j",
          "(\u2003 1 \u2003)", "\x001j", "1_\x1c", "1" * 300 + "j", "0." + "0" * 400 + "1j"]:
    try:
        print(repr(s), complex(s))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)


class Str(str):
    pass


print(complex(Str("2+3j")))


class WithComplex:
    def __complex__(self):
        return 3 + 4j


class WithFloat:
    def __float__(self):
        return 2.5


class WithIndex:
    def __index__(self):
        return 7


class BadComplex:
    def __complex__(self):
        return 1.5


class RaisingComplex:
    def __complex__(self):
        raise RuntimeError("nope")


class BadFloat:
    def __float__(self):
        return "x"


print(complex(WithComplex()), complex(WithFloat()), complex(WithIndex()))
print(complex(WithComplex(), 1), complex(1, WithFloat()), complex(WithIndex(), WithIndex()))
print(complex(WithFloat(), WithComplex()))
for args in [([],), (None,), (b"1",), ("1", 1), ("1", "1"), (1, "1"), (1j, "a"), (1, []),
             (1, None), (BadComplex(),), (RaisingComplex(),), (BadFloat(),), (1, BadFloat()),
             ({},), (1, 2, 3), (object(),), (2 ** 2000,), (1, 2 ** 2000), (float,)]:
    try:
        print(complex(*args))
    except Exception as e:
        print(type(e).__name__, e)
for kw in [{"foo": 1}, {"real": 1, "imag": 2, "x": 3}, {"imag": "1"}, {"real": "1", "imag": 2}]:
    try:
        print(complex(**kw))
    except Exception as e:
        print(type(e).__name__, e)
for call in ["complex(1, imag=2, x=3)", "complex(1, 2, imag=3)", "complex(1, real=2)"]:
    try:
        print(eval(call))
    except Exception as e:
        print(type(e).__name__, e)


class C(complex):
    def extra(self):
        return self.real + self.imag


c = C(1, 2)
print(type(c).__name__, c, repr(c), c.extra(), c.real, c.imag, isinstance(c, complex))
print(type(c + 1).__name__, type(-c).__name__, type(+c).__name__, type(c.conjugate()).__name__)
print(type(complex(c)).__name__, complex(c), type(c.__complex__()).__name__, C("3-4j"), C())
print(C(c), type(C(c)).__name__, c == 1 + 2j, hash(c) == hash(1 + 2j), abs(C(3, 4)))


class R(complex):
    def __repr__(self):
        return "R!"


print(R(1), str(R(1)), [R(1)], f"{R(1)}", format(R(1), ""), format(R(1), ".1f"))


class N(complex):
    def __new__(cls, x):
        return super().__new__(cls, x, -x)


print(N(2), type(N(2)).__name__)
c.attr = 5
print(c.attr)
print(complex.__name__, type(complex), complex.__doc__)
print(isinstance(1j, complex), isinstance(1, complex), issubclass(bool, complex))
