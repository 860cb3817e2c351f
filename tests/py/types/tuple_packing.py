# tuple packing, returning multiple values, tuples as keys
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 8, 1, 9])
print(lo, hi, minmax("hello"))
t = 1, 2, 3
print(t, type(t).__name__)
single = 5,
print(single, len(single))
empty = ()
print(empty, len(empty), bool(empty))
coords = {}
for x in range(3):
    for y in range(2):
        coords[x, y] = x * 10 + y
print(coords[2, 1], coords[(0, 0)], len(coords))
pairs = [(1, "b"), (1, "a"), (0, "z")]
print(sorted(pairs), min(pairs), max(pairs))
print(tuple(sorted((3, 1, 2))), tuple(reversed((1, 2, 3))))
x, y = divmod(17, 5)
print(x, y)
def args_to_tuple(*a):
    return a
print(args_to_tuple(), args_to_tuple(1), args_to_tuple(1, [2]))
print((1, 2) * 2, (1,) + (2,) + (), (1, (2, (3,))))
print(((1, 2), (3, 4))[1][0], len(((), (), ())))
print(tuple(enumerate("ab")), tuple(zip((1, 2), (3, 4))))
