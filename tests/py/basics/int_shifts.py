# shifts
print(1 << 0, 1 << 1, 1 << 31, 1 << 32, 1 << 62, 1 << 63, 1 << 64, 1 << 100)
print(5 << 70, -5 << 70)
print((1 << 100) >> 99, (1 << 100) >> 200)
print(-1 >> 1, -1 >> 100, -8 >> 1, -9 >> 1, -9 >> 2)
print(255 >> 4, 256 >> 8, 0 >> 5, 0 << 5)
print(-(2 ** 63) >> 1, -(2 ** 63) >> 63, -(2 ** 63) >> 64)
print((2 ** 64 - 1) >> 32, (2 ** 63) << 1)
print(12345 << 0, 12345 >> 0)
x = 1
for i in range(10):
    x = (x << 7) | i
print(x)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -3
except ValueError as e:
    print(type(e).__name__, e)
