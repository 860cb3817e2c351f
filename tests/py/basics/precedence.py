# operator precedence
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2, -2 ** -1)
print(10 - 4 - 3, 10 - (4 - 3), 100 / 10 / 5, 2 * 3 % 4)
print(1 + 2 << 3, 1 + (2 << 3), 1 << 2 + 3)
print(5 & 3 | 4, 5 & (3 | 4), 6 ^ 3 & 5, 1 | 2 ^ 3)
print(not 1 == 2, not (1 == 2), (not 1) == 2)
print(1 < 2 and 2 < 3 or False, True or False and False)
print(not True or True, not (True or True))
print(~5 + 1, -~5, ~-5)
print(3 * -2, 3 - -2, 2 ** -2)
print(1 if 0 else 2 + 3, (1 if 0 else 2) + 3)
print((lambda: 0 if True else 1)())
print([1, 2] + [3] * 2, "ab" * 2 + "c")
print(7 // 2 * 2 + 7 % 2, -7 // 2 * 2 + -7 % 2)
print(2 * 3 ** 2, (2 * 3) ** 2, 2 + 3 > 4, 2 + (3 > 4))
print(1 in [1] == True, (1 in [1]) == True)
x = 5
x += 3 * 2
x -= 1 + 1
x *= 2 - 1
print(x)
print(-3 % 5, -(3 % 5), 10 - 2 * 3 ** 2 // 4)
