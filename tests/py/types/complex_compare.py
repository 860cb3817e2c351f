# Equality of complex with numbers; ordering raises TypeError.
z = 2 + 0j
print(z == 2, z == 2.0, 2 == z, 2.0 == z, z == True, True == 1 + 0j, z != 2, 2 != z)
print(1j == 1j, 1j != 1j, 1j == 1, 1 == 1j, 1j == 0, 0j == 0, 0j == False, 0j == -0.0)
print(1j == "1j", "1j" == 1j, 1j == None, 1j != None, 1j == [1j], [1j] == [1j])
print(complex(2 ** 53 + 1, 0) == 2 ** 53 + 1, complex(2 ** 53, 0) == 2 ** 53,
      complex(2 ** 53, 0) == 2 ** 53 + 1, complex(1e300, 0) == 10 ** 300)
nan = float("nan")
c = complex(nan, 0)
print(c == c, c != c, c in [c], complex(1, nan) == complex(1, nan), complex(0, 1) == 1j)
print(2 ** 70 + 0j == 2 ** 70, 2 ** 70 == 2 ** 70 + 0j, 2 ** 1100 == complex(1, 0))
for a, b in [(1j, 2j), (1j, 1), (1, 1j), (1.5, 1j), (1j, "a"), (0j, 0j)]:
    for op in ["<", "<=", ">", ">="]:
        try:
            print(eval("a %s b" % op))
        except TypeError as e:
            print(type(e).__name__, e)
try:
    sorted([1j, 2j])
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(1j, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(bool(0j), bool(-0j), bool(1j), bool(complex(1e-320, 0)), bool(complex(nan, 0)),
      not 0j, 0j or "empty", 1j and "yes")
print((1j).__eq__(1j), (1j).__eq__(1), (1j).__eq__("x"), (1j).__lt__(2j), (1j).__ne__(2j))
print(1j in [1, 2, 1j], 1 in [1 + 0j], [1j].index(1j), [0j, 1j].count(0), (1j, 2j) == (1j, 2j))
