# hash() of ints, bools, None-equality and tuples of ints; used as dict keys
vals = [0, 1, 7, -1, -7, 2 ** 31, 2 ** 32, 2 ** 60, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 62, 2 ** 63 - 1, 2 ** 63, -(2 ** 63), 10 ** 30, -(10 ** 30)]
for v in vals:
    print(v, hash(v))
print(hash(True) == hash(1), hash(False) == hash(0), hash(None) == hash(None))
for t in [(), (0,), (1, 2), (2, 1), (1, (2, 3)), (-1,), (True, False), (10 ** 20, -5)]:
    print(t, hash(t))
d = {hash(i): i for i in range(5)}
print(d)
print(len({hash((i, j)) for i in range(20) for j in range(20)}))
