# _io.TextIOWrapper over BytesIO and files: encodings, errors, newline
# modes, seek/tell cookies, line buffering, reconfigure, detach.
import _io, os

d = "/tmp/io_text_%d" % os.getpid()
os.mkdir(d)
os.chdir(d)


def err(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)


b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8")
print(t, t.encoding, t.errors, t.line_buffering, t.write_through, t.newlines, t.buffer is b)
print(t.write("héllo\nwörld\n"), b.getvalue())
t.flush()
print(b.getvalue())
err(t.write, b"x")
err(t.read)
print(t.readable(), t.writable(), t.seekable(), t.closed)

for nl in [None, "", "\n", "\r", "\r\n"]:
    raw = _io.BytesIO(b"a\nb\rc\r\nd\r")
    t = _io.TextIOWrapper(raw, encoding="ascii", newline=nl)
    print(repr(nl), t.readlines(), t.newlines)
    raw = _io.BytesIO(b"a\nb\rc\r\nd")
    t = _io.TextIOWrapper(raw, encoding="ascii", newline=nl)
    print(repr(nl), repr(t.read()), repr(t.read()), t.newlines)
    b = _io.BytesIO()
    t = _io.TextIOWrapper(b, encoding="ascii", newline=nl)
    t.write("1\n2\r3\r\n")
    t.flush()
    print(repr(nl), b.getvalue())

# read sizes, chunk boundaries inside multi-byte characters and \r\n
data = ("αβγ\r\nδ€𝄞x\n" * 50).encode("utf-8")
t = _io.TextIOWrapper(_io.BytesIO(data), encoding="utf-8")
t._CHUNK_SIZE = 5
out = []
while True:
    s = t.read(3)
    if not s:
        break
    out.append(s)
print(len(out), "".join(out) == ("αβγ\nδ€𝄞x\n" * 50), out[:4])
t.seek(0)
lines = t.readlines()
print(len(lines), lines[:2], t.newlines)

# tell / seek cookies
t = _io.TextIOWrapper(_io.BytesIO("añb\nçd\r\neee\n".encode()), encoding="utf-8")
print(t.tell(), t.readline(), t.tell(), t.read(2), t.tell())
pos = t.tell()
rest = t.read()
t.seek(pos)
print(t.read() == rest, repr(rest), t.tell())
print(t.seek(0), t.read(1), t.seek(0, 2), t.read())
err(t.seek, 1, 1)
err(t.seek, 1, 2)
err(t.seek, 0, 3)
err(t.seek, -1)

# errors= handling
t = _io.TextIOWrapper(_io.BytesIO(b"ok\xff\xfeend"), encoding="utf-8", errors="replace")
print(repr(t.read()))
t = _io.TextIOWrapper(_io.BytesIO(b"ok\xffend"), encoding="utf-8")
err(t.read)
t = _io.TextIOWrapper(_io.BytesIO(b"caf\xe9"), encoding="latin-1")
print(t.read(), t.encoding)
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="ascii", errors="backslashreplace")
t.write("é€")
t.flush()
print(b.getvalue())
t = _io.TextIOWrapper(_io.BytesIO(), encoding="ascii")
t.write("é")
err(t.flush)

# line buffering, write_through
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8", line_buffering=True)
t.write("no newline")
print(b.getvalue())
t.write(" now\n")
print(b.getvalue())
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8", write_through=True)
t.write("x")
print(b.getvalue())

# reconfigure
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8")
t.reconfigure(newline="\r\n", line_buffering=True)
t.write("a\nb")
print(b.getvalue(), t.line_buffering)
t.reconfigure(encoding="latin-1")
t.write("é\n")
print(b.getvalue(), t.encoding, t.errors)
t = _io.TextIOWrapper(_io.BytesIO(b"xy"), encoding="utf-8")
t.read(1)
err(t.reconfigure, encoding="ascii")
err(t.reconfigure, newline="x")

# detach, close
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8")
t.write("pending")
print(t.detach() is b, b.getvalue())
err(t.write, "x")
err(getattr, t, "buffer")
print(repr(t))
t = _io.TextIOWrapper(_io.BytesIO(b"abc"), encoding="utf-8")
t.close()
t.close()
print(t.closed)
for m in ["read", "write", "readline", "tell", "seek", "flush", "readable", "truncate", "detach"]:
    a = {"write": ("x",), "seek": (0,)}.get(m, ())
    err(getattr(t, m), *a)

# argument errors
err(_io.TextIOWrapper, _io.BytesIO(), encoding="zzz-nope")
err(_io.TextIOWrapper, _io.BytesIO(), encoding=5)
err(_io.TextIOWrapper, _io.BytesIO(), errors=5)
err(_io.TextIOWrapper, _io.BytesIO(), newline="x")
err(_io.TextIOWrapper, _io.BytesIO(), newline=5)

# over a file, with iteration
with _io.FileIO("t.txt", "w") as f:
    f.write("line one\nline two\r\nline three".encode())
with _io.TextIOWrapper(_io.BufferedReader(_io.FileIO("t.txt")), encoding="utf-8") as t:
    print(t.name, list(t), t.newlines)
with _io.TextIOWrapper(_io.BufferedRandom(_io.FileIO("t.txt", "r+")), encoding="utf-8") as t:
    print(t.readline(), t.tell())
    t.seek(t.tell())
    t.write("LINE TWO\n")
    t.seek(0)
    print(t.read())
    print(t.truncate(4), t.seek(0), t.read())

# IncrementalNewlineDecoder
dec = _io.IncrementalNewlineDecoder(None, translate=True)
print(repr(dec.decode("a\r")), repr(dec.decode("\nb\r")), repr(dec.decode("", final=True)),
      dec.newlines, dec.getstate())
dec = _io.IncrementalNewlineDecoder(None, translate=False)
print(repr(dec.decode("x\r\ny\rz\n")), dec.newlines)
dec.decode("q\r")
print(dec.getstate())
dec.reset()
print(dec.getstate(), dec.newlines)
dec.setstate((b"", 1))
print(repr(dec.decode("w")))

os.remove("t.txt")
os.chdir("/")
os.rmdir(d)
