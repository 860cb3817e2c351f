# Arithmetic of complex with int, float, bool and complex, on both sides.
z = 3 + 4j
w = 1 - 2j
for a, b in [(z, w), (z, 2), (2, z), (z, 1.5), (1.5, z), (z, True), (False, z), (w, w),
             (1j, 1j), (z, -0.5), (-0j, z), (0j, -1j), (2 ** 70, 1j), (1j, 2 ** 70)]:
    print(a, b, a + b, a - b, a * b, a / b)
print(z + 0, 0 + z, z * 1, z - z, -z, +z, -(-z), abs(z), abs(-3j), abs(0j))
print(abs(complex(float("inf"), float("nan"))), abs(complex(float("nan"), float("-inf"))))
print(abs(complex(float("nan"), 1)), abs(complex(1e308, 1e308)), abs(complex(3e-320, 4e-320)))
# division: Smith's algorithm rounding
print((1 + 1j) / (1e-300 + 1e-300j), (1e300 + 1e300j) / (1e300 - 1e300j), 1 / (1 + 2j))
print((1 + 2j) / 1e-320, 1j / complex(float("inf"), 0), (1 + 1j) / complex(float("nan"), 1))
print(1 / 3j, 1.5 / (0.5 + 0.5j), True / 1j, (5 + 5j) / (0 + 5j), (5 + 5j) / (5 + 0j))
# powers: small integral exponents by repeated multiplication
for b in [0, 1, 2, 3, 4, 5, 10, 17, 50, 100, -1, -2, -3, -10, -100, 2.0, -2.0, 0.0]:
    print(b, (1 + 1j) ** b, (2 - 3j) ** b, 1j ** b)
for b in [101, -101, 0.5, -0.5, 1j, 1 + 1j, 2.5 - 0.5j, 1e-5, 1 / 3]:
    print(b, (1 + 1j) ** b, (3 - 4j) ** b, 2 ** (1j if b == 101 else b), (-1) ** 0.5)
print(0j ** 0, 0j ** 0j, 0j ** 2, 0j ** 1.5, (0 + 0j) ** 3, 2 ** 1j, 2.0 ** 1j, 1j ** 0.0)
print((-8) ** 0.5, (-8.0) ** (1 / 3), (-1) ** 0.5, (-2.5) ** 1.5, (-1.0) ** -0.5)
print(pow(1j, 2), pow(2, 1j), pow(-4, 0.5))
# in-place operators
x = 1j
x += 1
x *= 2
x -= 0.5
x /= 1j
x **= 2
print(x)
for expr in ["1j / 0", "1j / 0.0", "1j / 0j", "1 / 0j", "1.0 / (0j)", "0j ** -1", "0j ** -1.5",
             "0j ** 1j", "0j ** (1+1j)", "0 ** 1j", "(1e200j) ** 2", "(1e200+1e200j) ** 2",
             "complex(1e308, 1) ** 1.5", "complex(float('inf'), 0) ** 1",
             "complex(float('inf'), 0) ** 0.5", "10j ** 1000.5", "abs(complex(1.7e308, 1.7e308))",
             "1j + 2 ** 2000", "2 ** 2000 * 1j", "1j // 1", "1 // 1j", "1j % 2", "divmod(1j, 1)",
             "divmod(1, 1j)", "1j << 1", "1j & 1", "~1j", "1j + 'a'", "'a' * 1j", "[1] * 1j",
             "1j + None", "pow(1j, 2, 3)", "pow(2, 1j, 3)", "pow(2, 3, 1j)", "pow(1.5, 2, 1j)",
             "pow(2, 1.5, 1j)", "pow(1.5, 1j, 3)", "pow('a', 1j, 3)", "1j @ 1j", "round(1j)",
             "import math", "int(1j)", "float(1j)", "int(complex(1, 0))"]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
