"""unpack-sequence: tuple and list unpacking of ten items, over and over.

Usage: unpack_sequence.py [LOOPS]   (default 400000)
"""
import sys


def do_unpacking(loops, to_unpack):
    s = 0
    for _ in range(loops):
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        s += a + j
        first, *middle, last = to_unpack
        s += len(middle) + first - last
        (a, b), (c, d) = (to_unpack[0], to_unpack[1]), (to_unpack[2], to_unpack[3])
        s += a + b + c + d
        a, b = b, a
        s += a - b
    return s


def main():
    loops = int(sys.argv[1]) if len(sys.argv) > 1 else 400000
    t = tuple(range(10))
    lst = list(range(10, 20))
    print("tuple: %d" % do_unpacking(loops, t))
    print("list: %d" % do_unpacking(loops, lst))


if __name__ == "__main__":
    main()
