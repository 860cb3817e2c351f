# bitwise operations
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~b)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(-1 & 0xFF, -256 & 0xFF, -1 | 5, -6 ^ 3)
print(~0, ~-1, ~(2 ** 64), ~(-(2 ** 64)))
big = 2 ** 100 - 1
print(big & (2 ** 64 - 1), big ^ (2 ** 99), big | 1)
print((2 ** 70) & -(2 ** 70), (-(2 ** 70)) | 12345)
print(-(2 ** 65) & (2 ** 66 - 1))
print((-12345678901234567890) ^ 98765432109876543210)
x = 0
for i in range(0, 80, 7):
    x |= 1 << i
print(x, bin(x).count("1"))
print(0xDEADBEEF & 0xFFFF, hex(0xDEADBEEF >> 16))
m = 0
for v in [3, 5, 9, 17]:
    m ^= v
print(m)
print(True & 3, 6 & True)
