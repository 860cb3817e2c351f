# complex attributes and methods; int/float protocols.
z = 3 - 4j
print(z.real, z.imag, type(z.real).__name__, z.conjugate(), (1j).conjugate(), (-0j).conjugate())
print(z.__getnewargs__(), z.__complex__(), z.__complex__() is z, complex.__complex__(2j))
print(complex.conjugate(z), complex.__abs__(z), complex.__neg__(z), complex.__pos__(z))
print(z.__add__(1), z.__radd__(1), z.__sub__(1), z.__rsub__(1), z.__mul__(2), z.__rmul__(2))
print(z.__truediv__(2), z.__rtruediv__(2), z.__pow__(2), z.__rpow__(2), z.__add__("x"))
print(z.__bool__(), z.__hash__() == hash(z), z.__repr__(), z.__str__(), z.__eq__(z))
for name in ["__int__", "__float__", "__floordiv__", "__mod__", "__divmod__", "__round__",
             "__index__", "__lt__", "__complex__", "__format__", "__getnewargs__", "real"]:
    print(name, hasattr(z, name))
print(hasattr(1.0, "__complex__"), hasattr(1, "__complex__"), (5).conjugate(), (5).imag,
      (2.5).conjugate(), (2.5).imag, True.real, True.imag)
print(type(complex.real).__name__, complex.real, complex.imag.__name__)
x = 1j
for stmt in ["z.real = 1", "z.imag = 2", "del z.real", "z.foo = 1", "z.foo", "int(z)",
             "float(z)", "round(z)", "z.conjugate(1)", "complex.conjugate(1)", "z.__format__(1)",
             "z.__getnewargs__(1)", "len(z)", "z[0]", "iter(z)", "'%d' % z", "'%f' % z",
             "range(1j)", "[1][x]", "hex(1j)", "bin(1j)", "chr(1j)"]:
    try:
        exec(stmt)
        print(stmt, "ok")
    except Exception as e:
        print(stmt, type(e).__name__, e)
print(sum([1j, 2j, 3]), sum([0.5, 1j], 1j), max([1, 2]) + 1j, abs(-2j) + 1)
import sys
print(sys.getsizeof(1j) > 0 if hasattr(sys, "getsizeof") else True)
