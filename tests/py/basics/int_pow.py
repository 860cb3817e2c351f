# integer powers
for e in (10, 31, 32, 62, 63, 64, 65, 100, 128, 200):
    print(e, 2 ** e)
print(3 ** 100)
print((-3) ** 33)
print(10 ** 50 + 1)
print(7 ** 77 % 1000000007)
print(pow(7, 77, 1000000007))
print(pow(2, 1000, 97), pow(3, 0, 5), pow(-2, 3, 5))
print(pow(2, 10), pow(2, -2))
print(pow(3, -1, 7))
print(2 ** 64 - 1, -(2 ** 64))
print((2 ** 100) // (2 ** 37) == 2 ** 63)
x = 1
for i in range(70):
    x *= 2
print(x, x == 2 ** 70)
print(pow(12345678901234567890, 3))
print(0 ** 5, 1 ** -1)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
