# _io.BufferedReader / BufferedWriter / BufferedRandom / BufferedRWPair over
# FileIO, BytesIO and a Python raw stream.
import _io, os

d = "/tmp/io_buffered_%d" % os.getpid()
os.mkdir(d)
os.chdir(d)


def err(f, *a):
    try:
        r = f(*a)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)


w = _io.BufferedWriter(_io.FileIO("a.bin", "w"), 8)
print(w, w.name, w.mode, w.raw, w.closed, w.writable(), w.readable(), w.seekable())
print(w.write(b"abc"), w.tell(), os.stat("a.bin").st_size)
print(w.write(b"defghij"), w.tell(), os.stat("a.bin").st_size)
print(w.write(b"0123456789ABCDEF"), w.tell(), os.stat("a.bin").st_size)
print(w.write(bytearray(b"xy")), w.flush(), os.stat("a.bin").st_size)
w.writelines([b"\nline2\n", b"line3\n"])
err(w.read)
err(w.write, "s")
w.close()
print(w.closed, w.raw.closed)
w.close()
err(w.write, b"x")
err(w.flush)

r = _io.BufferedReader(_io.FileIO("a.bin"), 4)
print(r.peek(1)[:1], r.read(2), r.read1(), r.read1(100)[:5], r.tell())
r.seek(0)
print(r.readline(), r.readline(3), r.readlines())
r.seek(2)
print(r.read(5), r.tell(), r.seek(-2, 1), r.read(3), r.seek(-3, 2), r.read())
r.seek(0)
ba = bytearray(6)
print(r.readinto(ba), ba, r.readinto1(ba), r.tell())
r.seek(0)
print(len(r.read()), r.read(), r.read(5), r.peek())
r.seek(0)
print(list(r)[:2])
err(r.write, b"x")
err(r.truncate)
err(r.read, -2)
print(r.fileno() > 2, r.isatty())
raw = r.detach()
print(raw.closed, repr(r))
err(r.read)
err(getattr, r, "closed")
raw.close()

rw = _io.BufferedRandom(_io.FileIO("a.bin", "r+"), 4)
print(rw.read(3), rw.write(b"XY"), rw.tell(), rw.read(2), rw.tell())
rw.seek(0)
print(rw.read(10))
rw.seek(0, 2)
print(rw.write(b"END"), rw.tell(), rw.seek(-5, 2), rw.read())
print(rw.truncate(5), rw.tell(), rw.seek(0), rw.read())
rw.close()
with _io.FileIO("a.bin") as f:
    print(f.read())

# A BytesIO raw and a Python raw stream
b = _io.BufferedReader(_io.BytesIO(b"one\ntwo\nthree"))
print(b.readline(), b.read(3), b.read(), b.read())


class Raw(_io._RawIOBase):
    def __init__(self):
        self.data = bytearray(b"raw data here\nsecond")
        self.pos = 0
        self.calls = 0

    def readable(self):
        return True

    def writable(self):
        return True

    def readinto(self, buf):
        self.calls += 1
        n = min(len(buf), 5, len(self.data) - self.pos)
        buf[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n

    def write(self, b):
        self.data += b
        return len(b)


raw = Raw()
b = _io.BufferedReader(raw, 16)
print(b.read(3), raw.calls, b.readline(), b.read(), raw.calls)
wr = _io.BufferedWriter(raw, 4)
wr.write(b"+12")
print(bytes(raw.data[-3:]))
wr.write(b"345678")
print(bytes(raw.data[-6:]))
wr.flush()
print(bytes(raw.data[-6:]))

p = _io.BufferedRWPair(_io.BytesIO(b"in data"), _io.BytesIO())
print(p.read(2), p.peek()[:2], p.read1(3), p.readable(), p.writable(), p.write(b"out"), p.closed)
p.flush()
p.close()
print(p.closed)

err(_io.BufferedReader, _io.FileIO("a.bin"), 0)
err(_io.BufferedReader, _io.FileIO("a.bin", "w"))
err(_io.BufferedWriter, _io.FileIO("a.bin"))
err(_io.BufferedRandom, _io.FileIO("a.bin"))
print(issubclass(_io.BufferedRandom, _io.BufferedReader), _io.BufferedRandom.__mro__)

os.remove("a.bin")
os.chdir("/")
os.rmdir(d)
