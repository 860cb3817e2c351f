# combining enumerate, zip, sorted, reversed, map in pipelines
names = ["ann", "bob", "cy"]
scores = [88, 95, 70]
for rank, (score, name) in enumerate(sorted(zip(scores, names), reverse=True), 1):
    print(rank, name, score)
print(list(enumerate(zip(names, scores))))
print(dict(zip(names, map(lambda s: s >= 80, scores))))
print(list(zip(*enumerate("abc"))))
print(list(reversed(list(enumerate("xyz")))))
print([i * s for i, s in enumerate(scores)])
grid = ["abc", "def", "ghi"]
print(["".join(col) for col in zip(*grid)], ["".join(reversed(r)) for r in grid])
print([grid[i][i] for i in range(3)], [grid[i][2 - i] for i in range(3)])
print(sorted(enumerate(scores), key=lambda p: p[1]))
print(max(enumerate(scores), key=lambda p: p[1])[0])
a, b = [1, 2, 3], [10, 20, 30]
print([x + y for x, y in zip(a, b)], sum(x * y for x, y in zip(a, b)))
print(list(map(lambda t: t[0] + t[1], zip(a, b))), list(zip(a, b[1:], b[2:])))
print(list(enumerate(reversed(a), start=100)))
