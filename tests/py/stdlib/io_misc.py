# io.py over _io: print(file=), subclasses, copy, reentrant buffered calls, iteration.
import io, copy, os
s = io.StringIO()
print("a", 1, file=s); print("b", end="", file=s)
print(repr(s.getvalue()))
class MyS(io.StringIO):
    def write(self, x): return super().write(x.upper())
m = MyS(); print("hi", file=m); print(m.getvalue())
b = io.BytesIO(b"abc"); b.read(1)
c = copy.copy(b); print(c.read(), c.tell())
s2 = copy.deepcopy(io.StringIO("xyz")); print(s2.read())
class W(io.BufferedWriter):
    pass
bio = io.BytesIO()
w = W(bio); w.write(b"data"); w.flush(); print(bio.getvalue(), isinstance(w, io.BufferedIOBase))
class Reent(io.RawIOBase):
    def writable(self): return True
    def write(self, b):
        try: self.outer.write(b"again")
        except RuntimeError as e: print("RuntimeError", str(e)[:30])
        return len(b)
r = Reent(); bw = io.BufferedWriter(r, 4); r.outer = bw; bw.write(b"123456"); bw.flush()
t = io.TextIOWrapper(io.BytesIO(b"x\ny\n"), encoding="utf-8")
for line in t: print(repr(line))
print(io.StringIO("a\nb").readlines(), list(io.BytesIO(b"1\n2")))
with io.StringIO() as s3: s3.write("q")
print(s3.closed)
try: io.StringIO().seek(-1)
except ValueError as e: print(e)
print(io.BytesIO(b"x").__sizeof__() > 0)
e = io.UnsupportedOperation("m"); print(isinstance(e, OSError), isinstance(e, ValueError), repr(e))
print(io.StringIO.__module__, io.TextIOWrapper.__name__, io.BufferedReader.__qualname__)
f = io.open(os.devnull, "w"); print(f.write("x"), f.isatty()); f.close()

# Instances of Python subclasses are closed when they die (_IOBase.__del__).
print(hasattr(_io._IOBase, "__del__") if (_io := __import__("_io")) else None)
class R(io.RawIOBase):
    def close(self):
        print("close called")
        super().close()
r = R()
del r
class B(io.BytesIO):
    def close(self):
        print("bclose")
        super().close()
b = B()
del b
bio = io.BytesIO()
class W(io.BufferedWriter):
    pass
w = W(bio)
w.write(b"abc")
del w
print(bio.closed)
