# list operators, comparisons, nesting
a = [1, 2, 3]
print(a + [4], a * 2, 2 * a, [0] * 0, a * -1)
print(a == [1, 2, 3], a != [1, 2], a < [1, 2, 4], a < [1, 2], [] < [0])
print([1, [2, 3]] == [1, [2, 3]], [[1]] > [[0, 5]])
print(3 in a, 4 not in a, [2] in [[2]])
print(len(a), len([]), len([[1, 2], [3]]))
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 2] * 2
shared[0][0] = 9
print(shared)
print(list("abc"), list(range(3)), list((1, 2)), list({"k": 1}))
print(a[0], a[-1], a[-3])
try:
    a[3]
except IndexError as e:
    print(type(e).__name__, e)
try:
    a[-4] = 0
except IndexError as e:
    print(type(e).__name__, e)
try:
    a["x"]
except TypeError as e:
    print(type(e).__name__, e)
a[1] = "two"
print(a)
print([1, 2] + list((3,)), [*a, *a])
try:
    [1] + (2,)
except TypeError as e:
    print(type(e).__name__, e)
print(max([[1, 2], [1, 3]]), min([[2], [1, 9]]))
