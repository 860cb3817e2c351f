# negative floor division and modulo
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, 3), (-1, 3),
         (6, 3), (-6, 3), (100, 7), (-100, 7), (100, -7)]
for a, b in pairs:
    print(a, b, a // b, a % b, a // b * b + a % b == a)
big = 10 ** 30 + 7
print(big // 3, big % 3)
print(-big // 3, -big % 3)
print(big // -3, big % -3)
print(-big // -(10 ** 15), -big % -(10 ** 15))
print((2 ** 64) // -1, (-(2 ** 63)) // -1)
print((-(2 ** 63)) % 10, (-(2 ** 63)) // 10)
for a in range(-5, 6):
    print(a % 4, end=" ")
print()
for a in range(-5, 6):
    print(a // 4, end=" ")
print()
