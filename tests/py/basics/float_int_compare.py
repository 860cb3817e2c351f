# exact comparisons between large ints and floats
big = 2 ** 53
print(big == float(big), big + 1 == float(big + 1), big + 1 > float(big))
print(2 ** 63 == 2.0 ** 63, 2 ** 63 - 1 < 2.0 ** 63, 2 ** 63 + 1 > 2.0 ** 63)
print(10 ** 400 > float("inf"), -(10 ** 400) > float("-inf"))
print(1 < float("nan"), 1 > float("nan"), 1 == float("nan"))
print(0 == -0.0, 0 == 0.0, 1 == 1.0000000000000002)
print(5 < 5.5, 5 > 4.9999, -1 < -0.5, 3 <= 3.0, 3 >= 3.0)
print(sorted([1.5, 1, 2 ** 60, 2.0 ** 60, -3, -2.5]))
print(max([1, 1.0]), max([1.0, 1]), min([2, 2.0]))
print((1, 2.0) == (1.0, 2), [1] == [1.0])
print(0.1 * 3 == 0.3, abs(0.1 * 3 - 0.3) < 1e-9)
print(float(2 ** 1023) == 2 ** 1023, 2 ** 1024 > 1.7976931348623157e308)
vals = [3, 3.0, 2.5, 2]
print([a < b for a, b in zip(vals, vals[1:])])
print(9007199254740993 == 9007199254740992.0)
print(9007199254740993 > 9007199254740992.0)
