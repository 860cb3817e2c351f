# round() with banker's rounding and ndigits
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.4, 0.6, 7.0]:
    print(v, round(v), type(round(v)).__name__)
print(round(2.675, 2), round(1.005, 2), round(3.14159, 3), round(3.14159, 0))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(15, -1), round(25, -1), round(5, 0), round(7))
print(round(0.125, 2), round(0.375, 2), round(-0.125, 2))
print(round(1e20, 2), round(123.456, 1), round(-123.456, 1))
print(round(2.5, None), round(True))
print(type(round(2.5, 0)).__name__, round(2.5, 0))
print(round(123456789, -3), round(-987654321, -4))
print(round(0.1 + 0.2, 15), round(1 / 3, 5))
print((1.5).is_integer(), (4.0).is_integer(), (-0.0).is_integer())
print((10.5).as_integer_ratio(), (0.25).as_integer_ratio())
try:
    round(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    round(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
