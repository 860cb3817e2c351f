# memoryview.cast: byte and integer formats, shapes, tolist, equality
import sys

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

little = sys.byteorder == "little"
data = bytes(range(1, 17))
m = memoryview(data)
for fmt in ("B", "b", "c", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "?"):
    c = m.cast(fmt)
    vals = c.tolist()
    print(fmt, c.format, c.itemsize, len(c), c.nbytes, c.shape, c.strides, vals if little or c.itemsize == 1 else "-")
print(memoryview(b"\xff\xfe").cast("b").tolist(), memoryview(b"\xff\xff\xff\xff").cast("i").tolist())
print(memoryview(b"\xff" * 8).cast("Q").tolist(), memoryview(b"\xff" * 8).cast("q").tolist())
print(m.cast("@B") == m, m.cast("c")[0], m.cast("c").tolist()[:3])

g = m.cast("B", (4, 4))
print(g.ndim, g.shape, g.strides, g.tolist(), g.nbytes, len(g), g[1, 2], g[-1, -1])
g2 = m.cast("h", [2, 4])
print(g2.shape, g2.strides, g2.tolist() if little else "-", g2.cast("B").shape, g2.cast("B", (16,)).shape)
z = memoryview(b"a").cast("B", ())
print(z.ndim, z.shape, z.strides, z[()], z.tolist(), z[...] is z)
print(g == m.cast("B", (4, 4)), g == m, g.tobytes() == data, m.cast("h") == m.cast("h"), m.cast("b") == m)

t("multi-index", lambda: g[0])
t("tuple-len", lambda: g[0, 1, 2])
t("tuple-bounds", lambda: g[0, 9])
t("multi-slice", lambda: g[0:1, 0])
t("multi-iter", lambda: list(g))
t("0dim-len", lambda: len(z))
t("0dim-index", lambda: z[0])
t("0dim-iter", lambda: list(z))
t("not-multiple", lambda: memoryview(b"abc").cast("h"))
t("bad-shape", lambda: m.cast("h", (3,)))
t("bad-format", lambda: m.cast("x"))
t("long-format", lambda: m.cast("BB"))
t("format-type", lambda: m.cast(1))
t("non-byte", lambda: m.cast("h").cast("i"))
t("shape-type", lambda: m.cast("B", 16))
t("shape-zero", lambda: m.cast("B", (0, 16)))
t("nd-nd", lambda: g.cast("B", (2, 8)))
t("strided", lambda: m[::2].cast("B"))
t("hash-h", lambda: hash(m.cast("h")))
t("hash-c", lambda: hash(m.cast("c")) == hash(data))

ba = bytearray(8)
w = memoryview(ba).cast("h")
w[0] = -2
w[1] = 513
w[3] = 32767
print(ba if little else "-", w.tolist())
t("h-range", lambda: w.__setitem__(0, 70000))
t("h-type", lambda: w.__setitem__(0, 1.5))
cb = memoryview(ba).cast("c")
cb[2] = b"Z"
print(ba[2], cb[2])
t("c-type", lambda: cb.__setitem__(0, 1))
t("c-len", lambda: cb.__setitem__(0, b"ab"))
bb = memoryview(ba).cast("b")
bb[0] = -128
print(ba[0], bb[0])
t("b-range", lambda: bb.__setitem__(0, 200))
t("B-type", lambda: memoryview(ba).__setitem__(0, "x"))
gb = memoryview(ba).cast("B", (2, 4))
gb[1, 3] = 7
print(ba[7], gb[1, 3], gb.tolist()[1])
t("slice-struct", lambda: memoryview(ba).cast("h").__setitem__(slice(0, 1), b"ab"))
m.release()
m = memoryview(b'abcdef').cast('B', (2,3))
print(m.tobytes('F'), m.tobytes('A'), m.tobytes('C'), m.tobytes(None), m.tobytes(order='F'))
try: m.tobytes('X')
except Exception as e: print(type(e).__name__, e)
try: m.tobytes(1)
except Exception as e: print(type(e).__name__, e)
print(memoryview(b'abcdef')[::2].tobytes('F'), memoryview(bytes(range(24))).cast('h', (2, 2, 3)).tobytes('F').hex())
