# memoryview: strides, overlapping and extended-slice assignment, bool/float formats, 0-dim views, contiguity flags
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
m = memoryview(b"abcdefgh")
t(1, lambda: m[::-1][0])
t(2, lambda: m[::-1].tolist())
t(3, lambda: m[::-1].strides)
t(4, lambda: m[2:6].cast('h').tolist())
t(5, lambda: m[True])
t(6, lambda: m[-1:-9:-3].tolist())
ba = bytearray(b"0123456789")
v = memoryview(ba)
v[1:4] = v[0:3]
t(7, lambda: bytes(ba))
v[::2] = b"abcde"
t(8, lambda: bytes(ba))
t(9, lambda: v.__setitem__(slice(0, 2), memoryview(b"ab").cast('c')))
t(10, lambda: v.cast('c').__setitem__(slice(0, 2), memoryview(b"xy").cast('c')))
t(11, lambda: bytes(ba))
t(12, lambda: memoryview(b"\x00\x01\x02").cast('?').tolist())
t(13, lambda: memoryview(bytes(8)).cast('d').tolist())
t(14, lambda: memoryview(bytes(8)).cast('f').tolist())
fb = bytearray(8)
fv = memoryview(fb).cast('d')
fv[0] = 1.5
t(15, lambda: fv.tolist())
t(16, lambda: fv.__setitem__(0, "x"))
t(17, lambda: fv.__setitem__(0, 3))
t(18, lambda: fv.tolist())
qv = memoryview(bytearray(2)).cast('?')
qv[0] = 5
qv[1] = []
t(19, lambda: qv.tolist())
t(20, lambda: memoryview(b"ab").cast('c') == b"ab")
t(21, lambda: memoryview(b"ab").cast('b') == memoryview(b"ab"))
t(22, lambda: memoryview(b"\xff").cast('b') == memoryview(b"\xff"))
t(23, lambda: memoryview(bytes(8)).cast('d') == memoryview(bytes(8)).cast('d'))
t(24, lambda: memoryview(bytes(8)).cast('P').tolist())
t(25, lambda: memoryview(b'abcd').cast('B', (1, 4)).tolist())
t(26, lambda: memoryview(b'abcd').cast('B', (4, 1))[3, 0])
t(27, lambda: memoryview(b'abcd').cast('B', (2, 2)).strides)
t(28, lambda: memoryview(b'abcd').cast('B', (2, 2)).f_contiguous)
t(29, lambda: memoryview(b'abcd').cast('B', (1, 4)).f_contiguous)
t(30, lambda: memoryview(b'abcd')[::2].contiguous)
t(31, lambda: memoryview(b'')[::2].c_contiguous)
t(32, lambda: memoryview(b'abc').cast('c', ()))
z = memoryview(bytearray(b"a")).cast("@B", ())
z[...] = 5
print(z[()], z.format, z[...] is z)
z[()] = 6
print(z.tolist(), memoryview(b"ab").cast("@c")[1:].format)
t(50, lambda: z.__setitem__(0, 1))
