# float repr: shortest round-trip
vals = [0.1 + 0.2, 0.1, 0.5, 1.0, 1e16, 1e15, 1e-5, 1e-4, 123456789.0,
        1.5e300, 2.5e-300, 1 / 3, 2 / 3, 100.0, 1e22, 1e23, 0.0001, 12345.678,
        -0.0, 3.14159, 2.0 ** 60, 2.0 ** -30, 9007199254740993.0, 5e-324,
        1.7976931348623157e308, 0.3, 1.1 * 1.1, 1e100]
for v in vals:
    print(repr(v), str(v))
print(float("1.5"), float("-2"), float("  3e2 "), float("1_0.5"))
print(float(10 ** 20), float(2 ** 70))
print(1.0 == 1, 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3)
print([0.1, 0.25, -1.5], (2.0,), {1.5: 2.5})
print(float(), float(7), float(True))
print(1e16 + 1, 1e16 + 2)
try:
    float("abc")
except ValueError as e:
    print(type(e).__name__, e)
