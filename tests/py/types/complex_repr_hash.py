# repr/str of complex and hash (equal to float/int hash when imag == 0).
inf = float("inf")
nan = float("nan")
vals = [0j, -0j, complex(-0.0, 0.0), complex(0.0, -0.0), complex(-0.0, -0.0), 1j, -1j,
        1 + 2j, 1 - 2j, -1 - 2j, 1.5 + 0.25j, complex(1e100, 1), complex(1e16, 1e-5),
        complex(1e15, 1e16), complex(123456789.125, -0.1), complex(nan, inf),
        complex(-inf, -nan), complex(inf, 0), complex(0, nan), complex(-nan, -inf),
        complex(5e-324, 1.7976931348623157e308), complex(0.1, 0.2), 0.1j + 0.2j, 1e22j,
        1e-7j, complex(1, -0.0)]
for v in vals:
    print(repr(v), str(v), "%s" % (v,), "%r" % (v,), f"{v}", f"{v!r}", format(v))
print([1j, -0j], (1j,), {"k": 2j})
print(str(1 + 2j) == repr(1 + 2j))
for x in [0, 1, -1, -2, 2.5, -0.0, 0.0, 1e300, 2 ** 60, 2 ** 61, 2 ** 61 - 1, 2 ** 64 + 1.0,
          -1.5, 3, inf, -inf, 1e-300]:
    print(x, hash(complex(x, 0)), hash(complex(x, 0)) == hash(x))
print(hash(1j), hash(-1j), hash(1 + 1j), hash(complex(1.5, 2.5)), hash(complex(-1, -1)))
print(hash(complex(inf, inf)), hash(complex(0.5, -0.5)), hash(complex(1e300, 1e-300)))
print(hash(complex(-1, 0)), hash(complex(0, -1)), hash(2j) == hash(complex(0, 2)))
d = {1: "int", 1j: "imag"}
d[complex(1, 0)] = "complex one"
print(d[1], d[1.0], d[1j], len(d))
s = {0j, 0, 0.0, False, -0j}
print(len(s))
