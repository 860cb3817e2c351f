# io.open / _io.open: modes, buffering, errors; io.py's classes over _io.
import _io, io, os

d = "/tmp/io_open_%d" % os.getpid()
os.mkdir(d)
os.chdir(d)


def err(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", type(r).__name__)
        if hasattr(r, "close"):
            r.close()
    except Exception as e:
        print(type(e).__name__, e)


print(io.open is _io.open, io.BytesIO is _io.BytesIO, io.SEEK_END, io.DEFAULT_BUFFER_SIZE)
with io.open("f.txt", "w", encoding="utf-8") as f:
    print(repr(f), f.mode, f.name, f.encoding, type(f.buffer).__name__, type(f.buffer.raw).__name__)
    print(f.write("héllo\nworld\n"))
with io.open("f.txt", encoding="utf-8") as f:
    print(repr(f), f.read(), f.newlines)
with io.open("f.txt", "rb") as f:
    print(repr(f), f.read(), f.mode)
with io.open("f.txt", "ab") as f:
    print(type(f).__name__, f.mode, f.write(b"more\n"))
with io.open("f.txt", "r+b") as f:
    print(type(f).__name__, f.mode, f.read(5), f.write(b"!"), f.seek(0), f.read())
with io.open("f.txt", "rb", buffering=0) as f:
    print(type(f).__name__, f.read(3))
with io.open("f.txt", "a+", encoding="utf-8") as f:
    print(f.mode, f.tell(), f.write("tail"), f.seek(0), f.readline())
with io.open("f.txt", "r", buffering=1, encoding="utf-8") as f:
    print(f.line_buffering, f.readlines())
with io.open("f.txt", "r", encoding="latin-1", newline="") as f:
    print(repr(f.read(3)), f.encoding)
fd_file = io.open("f.txt", "rb")
with io.open(fd_file.fileno(), "rb", closefd=False) as f2:
    print(f2.name == fd_file.fileno(), f2.read(2))
print(fd_file.closed, fd_file.read(2))
fd_file.close()

for mode in ["", "rw", "rr", "rt+b", "tb", "q", "r+x", "U", "rU"]:
    err(io.open, "f.txt", mode)
err(io.open, "f.txt", "rb", encoding="utf-8")
err(io.open, "f.txt", "rb", errors="strict")
err(io.open, "f.txt", "rb", newline="\n")
err(io.open, "f.txt", "r", buffering=0)
err(io.open, "f.txt", 5)
err(io.open, "f.txt", "r", "x")
err(io.open, "nope.txt")
err(io.open, "f.txt", "x")
err(io.open, 3.5)
err(io.open, "f.txt", "r", encoding="utf-8", newline="bad")
err(io.open, "f.txt", "r", encoding=5)
print(io.open_code("f.txt").read(5), _io.text_encoding(None), _io.text_encoding("ascii"))

# io.py's ABCs over the native classes
print(isinstance(_io.BytesIO(), io.BufferedIOBase), isinstance(_io.StringIO(), io.TextIOBase))
print(isinstance(_io.FileIO("f.txt"), io.RawIOBase), issubclass(io.TextIOWrapper, io.IOBase))
print(issubclass(io.FileIO, io.IOBase), io.UnsupportedOperation.__mro__[1:3])


class MyRaw(io.RawIOBase):
    def __init__(self):
        self.chunks = [b"abc", b"def\n", b"gh"]

    def readable(self):
        return True

    def readinto(self, b):
        if not self.chunks:
            return 0
        c = self.chunks.pop(0)
        b[:len(c)] = c
        return len(c)


r = io.BufferedReader(MyRaw())
print(r.read(4), r.readline(), r.read())
t = io.TextIOWrapper(io.BufferedReader(MyRaw()), encoding="ascii")
print(t.readlines())

os.remove("f.txt")
os.chdir("/")
os.rmdir(d)
