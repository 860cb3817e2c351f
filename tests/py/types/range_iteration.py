# range in loops, reversed, negative steps, large ranges
for r in [range(5), range(1, 6), range(0, 10, 3), range(10, 0, -3), range(-5, -1), range(5, 5), range(0, -5, -1)]:
    print(r, list(r), len(r), list(reversed(r)), sum(r))
big = range(10 ** 12)
print(len(big), big[10 ** 11], big[-1], 10 ** 11 in big, -1 in big, big[:3], big[::10 ** 11])
r = range(3, 30, 4)
print(r.index(15), r.count(15), r.count(16), 16 in r, r[1:4], r[::-2], r[-2:])
print(list(range(3))[::-1] == list(reversed(range(3))))
print(range(0, 3) == range(3), range(1, 2, 5) == range(1, 3, 7), range(4) != range(5))
print(hash(range(3)) == hash(range(0, 3)), bool(range(0)), bool(range(1)))
try:
    range(3).index(5)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range("a")
except TypeError as e:
    print(type(e).__name__, e)
total = 0
for i in range(1, 1000, 7):
    total += i
print(total, sum(range(1, 1000, 7)))
print([i for i in range(20, 0, -4)], list(range(2 ** 63 - 3, 2 ** 63 + 2)))
print(max(range(-5, 5, 3)), min(range(-5, 5, 3)), sorted(range(5), reverse=True))
