# _io's abstract base classes: default methods and errors.
import _io
for cls in (_io._IOBase, _io._RawIOBase, _io._BufferedIOBase, _io._TextIOBase):
    o = cls()
    for m in ['seek','tell','truncate','fileno','isatty','readable','writable','seekable','flush','readline','readlines','read','read1','readinto','write','detach','readall','__next__','__iter__','__enter__']:
        f = getattr(o, m, None)
        if f is None: print(cls.__name__, m, 'missing'); continue
        try:
            args = (0,) if m in ('seek',) else (bytearray(3),) if m in ('readinto',) else (b'x',) if m=='write' else ()
            r = f(*args); print(cls.__name__, m, 'self' if r is o else repr(r)[:40])
        except Exception as e: print(cls.__name__, m, type(e).__name__, e)
    print(o.closed, o.__dict__)
    o.close(); print(o.closed, o.__dict__)
    try: o.flush()
    except Exception as e: print(type(e).__name__, e)
print(_io.UnsupportedOperation.__mro__, _io.UnsupportedOperation.__module__)
print(_io._IOBase.__module__, _io.BytesIO.__module__, _io.BytesIO.__name__)
print(_io.text_encoding(None), _io.text_encoding('x'))
print(_io.DEFAULT_BUFFER_SIZE, _io.BlockingIOError is BlockingIOError)
print(issubclass(_io.UnsupportedOperation, OSError), issubclass(_io.UnsupportedOperation, ValueError))

class R(_io._RawIOBase):
    def __init__(self, data): self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), 3, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]; self.pos += n
        return n
r = R(b"abcdefgh\nxyz")
print(r.read(2), r.read(), r.read())
r.pos = 0
print(r.readline(), r.readall(), list(R(b"a\nb\n")))
class B(_io._BufferedIOBase):
    def read(self, n=-1): return b"xy"[:n]
ba = bytearray(5)
print(B().readinto(ba), ba)
class W(_io._IOBase):
    def __init__(self): self.out = []
    def write(self, s): self.out.append(s)
w = W(); w.writelines(["a", "b"]); print(w.out)
with W() as w2: pass
print(w2.closed)
for m in ("_checkReadable", "_checkWritable", "_checkSeekable"):
    try: getattr(w, m)()
    except Exception as e: print(type(e).__name__, e)
print(w._checkClosed())

