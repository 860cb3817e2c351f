# round (banker's, ndigits), divmod, pow (3-arg)
print([round(x) for x in (0.5, 1.5, 2.5, 3.5, 4.5, -0.5, -1.5, 2.4999, 2.5001)])
print(round(3.14159, 2), round(2.675, 2), round(-1.25, 1), round(1.25, 1), round(1.35, 1))
print(round(12345, -2), round(12355, -1), round(-12345, -1), round(5, -1), round(15, -1))
print(round(1e300, -299), round(0.0), round(-0.0), round(1.5, 0), round(7, 2))
print(divmod(7, 3), divmod(-7, 3), divmod(7, -3), divmod(7.0, 3), divmod(-7.5, 2))
print(divmod(2 ** 80, 7), divmod(-(2 ** 80), 7))
print(pow(2, 10), pow(2, 0.5), pow(2, -1), pow(-8, 1 / 3) if False else "skip", pow(0, 0))
print(pow(3, 200, 1000), pow(2, 10 ** 6, 10 ** 9 + 7), pow(-3, 3, 7), pow(5, -1, 11), pow(7, 0, 1))
print(pow(123456789, 987654321, 2 ** 61 - 1))
try:
    pow(2, 0.5, 3)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    round("x")
except TypeError as e:
    print(type(e).__name__, e)
print(round(0.285, 2), round(0.125, 2), round(0.375, 2), round(2.5), round(-2.5))
