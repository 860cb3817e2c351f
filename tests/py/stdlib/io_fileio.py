# _io.FileIO: modes, reading, writing, seeking, errors, opener, closefd.
import _io, os
d = "/tmp/fio_%d" % os.getpid()
os.mkdir(d)
os.chdir(d)
p = "f.txt"
def err(f, *a, **k):
    try:
        r = f(*a, **k); print("ok", repr(r))
    except Exception as e: print(type(e).__name__, e)
f = _io.FileIO(p, "w")
print(f, f.name, f.mode, f.closefd, f.readable(), f.writable(), f.seekable(), f.isatty())
print(f.write(b"hello\nworld\n"), f.tell(), f.seek(0, 1), f.seek(-3, 2))
err(f.read)
f.close(); print(f, f.closed); err(f.write, b"x"); err(f.fileno); f.close()
for m in ["rb", "r+", "a", "x", "wx", "rw", "q", "", "bb", "r++", "rt"]:
    err(_io.FileIO, p, m)
f = _io.FileIO(p)
print(f.mode, f.read(3), f.read(), f.read(), f.tell())
f.seek(0); print(f.readall()); f.seek(0); ba = bytearray(4); print(f.readinto(ba), ba)
err(f.write, b"x"); err(f.truncate)
f.seek(0); print(f.readline(), f.readlines())
f.close()
f = _io.FileIO(p, "a+"); print(f.mode, f.tell(), f.write(b"more"), f.seek(0), f.read())
print(f.truncate(3), f.tell(), f.seek(0), f.read()); f.close()
err(_io.FileIO, "nope")
err(_io.FileIO, ".")
err(_io.FileIO, -1)
err(_io.FileIO, 1.5)
err(_io.FileIO, p, "r", closefd=False)
err(_io.FileIO, "a\0b")
g = _io.FileIO(p)
fd = g.fileno()
f = _io.FileIO(fd, closefd=False); print(f.name == fd, f.mode, f.closefd, f.read()); f.close()
print(g.closed, g.read(2)); g.close()
err(_io.FileIO, p, "x")
print(_io.FileIO(p.encode(), "r").name)
keep = []
def opener(name, flags):
    print("opener", name, flags & 3)
    g = _io.FileIO(name); keep.append(g); return g.fileno()
with _io.FileIO(p, "r", opener=opener) as f: print(f.read(), f.name)
err(keep.pop().close)
err(_io.FileIO, p, opener=lambda n, fl: -1)
err(_io.FileIO, p, opener=lambda n, fl: "x")
class P:
    def __fspath__(self): return p
print(_io.FileIO(P()).read(1))
err(_io.FileIO, p, mode=5)
print(f.closed)
f = _io.FileIO(p, "rb+"); print(f.mode, f._blksize > 0); f.close()
os.remove(p)
os.chdir('/')
os.rmdir(d)
