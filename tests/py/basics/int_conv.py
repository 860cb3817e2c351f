# int() of floats, strings, bools
print(int(3.9), int(-3.9), int(0.5), int(-0.5), int(1e20))
print(int(2.0 ** 70), int(-1e18), int(123.0))
print(int(True), int("7"), int(" -0 "))
print(int(), int(7), int(-7))
for v in [float("inf"), float("-inf")]:
    try:
        int(v)
    except OverflowError as e:
        print(type(e).__name__, e)
try:
    int(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("3.5")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int([1])
except TypeError as e:
    print(type(e).__name__, e)
print(round(2.5), round(3.5), round(-2.5))
print(int(1e15 + 0.5))
