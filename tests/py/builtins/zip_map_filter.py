# zip, map, filter
print(list(zip([1, 2, 3], "abc")), list(zip()), list(zip([1])), list(zip("ab", range(10))))
print(list(zip(*[(1, "a"), (2, "b")])), dict(zip("ab", [1, 2])))
print(list(zip([1, 2], [3], [4, 5, 6])))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(map(int, "123")), list(map(len, ["a", "bb"])), list(map(abs, (-1, -2))))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])), list(filter(str.isdigit, "a1b2")))
print(list(filter(lambda x: x > 2, range(6))))
m = map(lambda x: x * 2, [1, 2, 3])
print(type(m).__name__, next(m), list(m), list(m))
z = zip("ab", "cd")
print(type(z).__name__, next(z), list(z))
f = filter(None, [1, 0, 2])
print(type(f).__name__, list(f))
pairs = [(1, "one"), (2, "two")]
nums, names = zip(*pairs)
print(nums, names)
print(sum(map(lambda p: p[0], pairs)), list(map(list, zip("ab", "cd"))))
