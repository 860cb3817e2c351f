# range objects
r = range(10)
print(r, range(2, 8), range(1, 10, 3), range(5, 0, -1))
print(len(r), len(range(2, 8)), len(range(1, 10, 3)), len(range(5, 0, -1)),
      len(range(0)), len(range(5, 2)), len(range(0, -10, -3)))
print(list(range(-5, 5, 2)), list(range(10, 0, -3)), list(range(3, 3)))
print(r[0], r[-1], r[5], range(1, 10, 3)[2], range(10, 0, -2)[-1])
print(r[2:5], r[::-1], r[::2], range(1, 10, 3)[1:], r[-3:])
print(list(r[::-1]), list(range(0, 20, 5)[::-1]))
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(r.index(7), range(0, 20, 5).index(15), r.count(3), r.count(30))
print(list(reversed(range(4))), list(reversed(range(1, 10, 4))))
print(range(0, 10) == range(0, 10), range(0) == range(5, 2), range(1, 5, 2) == range(1, 6, 2))
print(range(3).start, range(3).stop, range(3).step, range(1, 9, 2).step)
try:
    r[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(1, 5, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    r.index(99)
except ValueError as e:
    print(type(e).__name__, e)
big = range(0, 2 ** 70, 2 ** 40)
print(len(big), big[-1], 2 ** 45 in big)
print(sum(range(101)), max(range(7)), min(range(3, 9)))
