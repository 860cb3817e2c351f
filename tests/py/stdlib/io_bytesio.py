# _io.BytesIO: reading, writing, seeking, truncating, getbuffer exports,
# pickling state, closed-file errors.
import _io
from _io import BytesIO


def err(f, *a):
    try:
        r = f(*a)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)


b = BytesIO(b"hello\nworld\nlast")
print(b.read(3), b.tell(), b.readline(), b.readline(2), b.readline())
print(b.read(), b.read(), b.tell())
b.seek(0)
print(b.readlines())
b.seek(0)
print(b.readlines(7))
b.seek(0)
print(list(b))
b.seek(0)
print(b.read1(), b.read1(4))
b.seek(2)
print(b.read(-1), b.read(None))
print(b.getvalue())

w = BytesIO()
print(w.write(b"abc"), w.write(bytearray(b"de")), w.write(memoryview(b"fg")))
print(w.getvalue(), w.tell())
w.seek(10)
print(w.write(b"X"), w.getvalue())
w.seek(2)
w.write(b"ZZ")
print(w.getvalue(), w.tell())
print(w.truncate(4), w.getvalue(), w.tell())
print(w.truncate(), w.getvalue())
w.seek(1)
print(w.truncate(None), w.getvalue(), w.tell())
w.writelines([b"1", b"22", bytearray(b"333")])
print(w.getvalue())
print(w.seek(0, 2), w.seek(-2, 2), w.seek(1, 1), w.seek(-100, 1), w.tell())
err(w.seek, -1)
err(w.seek, 0, 3)
err(w.seek, 1.5)
err(w.truncate, -1)
err(w.write, "str")
err(w.write, 5)
err(w.read, "x")
err(w.read, 1.0)
print(w.readable(), w.writable(), w.seekable(), w.isatty(), w.flush(), w.closed)

# readinto
r = BytesIO(b"0123456789")
ba = bytearray(4)
print(r.readinto(ba), ba, r.readinto(memoryview(ba)[1:3]), ba)
print(r.readinto(bytearray(10)), r.readinto(bytearray(10)))
err(r.readinto, b"xx")

# getbuffer and the export rule
g = BytesIO(b"abcdef")
v = g.getbuffer()
print(bytes(v), len(v))
v[0] = ord("A")
print(g.getvalue())
err(g.write, b"x")
err(g.truncate, 1)
err(g.close)
print(g.read(2), g.tell())
v.release()
print(g.write(b"Z"), g.getvalue())
g.seek(0, 2)
with g.getbuffer() as v2:
    print(bytes(v2[:3]))
    err(g.write, b"more")
print(g.write(b"more"), g.getvalue())

# __getstate__ / __setstate__
s = BytesIO(b"state")
s.read(2)
s.extra = 5
st = s.__getstate__()
print(st)
t = BytesIO()
t.__setstate__((b"xyz", 1, {"a": 1}))
print(t.getvalue(), t.tell(), t.a, t.read())
err(t.__setstate__, (b"xyz", -1, None))
err(t.__setstate__, ("xyz", 0, None))
err(t.__setstate__, (b"xyz", 0))
err(t.__setstate__, (b"xyz", 0, 5))

# initial value, re-init, subclass
print(BytesIO(bytearray(b"ba")).getvalue(), BytesIO(None).getvalue())
err(BytesIO, "str")
i = BytesIO(b"one")
i.__init__(b"two")
print(i.getvalue(), i.tell())


class Sub(BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.n = 1


sb = Sub(b"sub\ndata")
print(sb.readline(), sb.n, isinstance(sb, _io._BufferedIOBase), isinstance(sb, _io._IOBase))

# context manager and closed file
with BytesIO(b"ctx") as c:
    print(c.read())
print(c.closed)
for name in ["read", "write", "seek", "tell", "getvalue", "getbuffer", "readline", "flush",
             "readable", "truncate", "isatty", "__next__"]:
    args = {"write": (b"x",), "seek": (0,)}.get(name, ())
    err(getattr(c, name), *args)
err(c.__enter__)
c.close()
print(type(BytesIO.__dict__["closed"]).__name__, BytesIO.__mro__)
