# mixing int and float
print(1 + 1.0, 3 * 0.5, 7 / 2, 7 // 2.0, 7 % 2.0, 2 ** 3.0, 2.0 ** 3)
print(10 ** 20 + 0.0, 2 ** 53 + 1.0, float(2 ** 53 + 1))
print(1 == 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 64 == 2.0 ** 64)
print(1 < 1.5 < 2, -1 > -1.5, 10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(max(1, 2.0), max(2.0, 1), min(3, 3.0), min(3.0, 3))
print(sum([1, 2.5, 3]), sum([0.1] * 10))
print(abs(-3) + abs(-3.5))
print(int(7 / 2), 7 // 2, -7 // 2, int(-7 / 2))
print(3 + True, 3.0 + False, True / 2)
print(1e300 * 10 ** 10)
print(10 ** 30 / 10 ** 10, 2 ** 100 / 2 ** 99)
print(sorted([3, 1.5, 2, -0.5, 0]))
print(0.5 in [0, 1], 1 in [1.0], 1.0 in {1: "one"})
print({1: "a", 1.0: "b"})
print(hash(1) == hash(1.0), hash(2) == hash(2.0))
try:
    print(10 ** 400 / 1)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
