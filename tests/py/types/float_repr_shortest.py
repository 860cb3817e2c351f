# repr(float) is the shortest string that reads back, even when the correctly
# rounded string of that length does not: near a power of two the gap below
# is half the gap above, so the neighbour one unit up is the shortest.
for e in range(-1074, 1024, 7):
    print(repr(2.0 ** e), repr(-2.0 ** e))
for x in [2.0 ** -24, 2.0 ** 172, 2.0 ** -1022, 2.0 ** 1023, 5e-324, 9007199254740993.0,
          0.1, 1 / 3, 1e16, 1e22, 1e23, 123456789012345678.0, 2.2250738585072009e-308]:
    print(repr(x), str(x), repr(x * 3), repr(x / 3))
