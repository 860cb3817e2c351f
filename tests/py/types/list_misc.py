# list building patterns, in-place ops, comparisons of mixed nesting
squares = []
for i in range(6):
    squares.append(i * i)
print(squares, squares[::-1], squares[1::2])
a = [5, 3, 8]
a += [1]
a *= 2
print(a, len(a))
a[1:3] = []
print(a)
print(a.index(8), a.count(5), sorted(a), a)
b = [[1, 2], [3, 4]]
c = [x for sub in b for x in sub]
print(c, list(map(list, zip(*b))))
d = list(range(10))
print(d[-3:], d[:-3], d[3:-3], d[::3], d[-1::-3])
print([1, 2, 3] < [1, 2, 4], [1, [2]] == [1, [2]], [[]] * 2)
e = [3, 1, 2]
f = e
e.sort()
print(f, e is f)
g = e[:]
g.reverse()
print(e, g)
stack = list("abc")
while stack:
    print(stack.pop(), end="")
print()
print([0] * 5, [None] * 2, [[0] * 2 for _ in range(2)])
print(list(reversed([1, 2, 3])), [x for x in reversed(range(3))])
print(sum([[1], [2]], []), [y for y in (1, 2, 3) if y != 2])
h = [1, 2, 3, 4, 5]
h[::2] = [0, 0, 0]
print(h, h.copy() == h, h.copy() is h)
