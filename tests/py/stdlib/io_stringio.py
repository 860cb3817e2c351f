# _io.StringIO: reading, writing, seeking, newline= modes, state, errors.
from _io import StringIO
def err(f, *a):
    try:
        r = f(*a); print("ok", repr(r))
    except Exception as e: print(type(e).__name__, e)
s = StringIO("héllo\nwörld")
s.seek(0, 2)
err(s.seek, 1, 1); err(s.seek, -1, 2); err(s.seek, -1); err(s.seek, 0, 5); err(s.truncate, -1)
err(StringIO, b"x"); err(StringIO, "x", 5); err(StringIO, "x", "z"); err(s.write, b"x")
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = StringIO("a\nb\rc\r\nd", newline=nl)
    print(repr(nl), repr(s.getvalue()), s.readlines(), s.newlines)
    s = StringIO(newline=nl)
    s.write("a\nb\rc\r\nd"); s.seek(0)
    print(repr(nl), repr(s.getvalue()), s.readlines(), s.newlines, s.tell())
s = StringIO("abc"); print(s.__getstate__()); s.x=1; print(s.__getstate__())
s = StringIO("abc", newline=None); print(s.__getstate__())
print(s.line_buffering, s.encoding, s.errors)
s = StringIO(); s.seek(3); s.write("x"); print(repr(s.getvalue()))
err(s.__setstate__, ("ab", "\n", 1, None)); print(s.tell(), s.getvalue())
err(s.__setstate__, ("ab", "\n", -1, None))
err(s.__setstate__, ("ab", "\n", 1))
err(s.__setstate__, ("ab", 5, 1, None))
s=StringIO("x\ny"); print(s.readline(), s.readline(-1), repr(s.readline()), s.read(5))
s.close(); err(s.read); err(s.getvalue); print(s.closed); err(s.__next__)
print(StringIO.__mro__); 
s=StringIO("abc\ndef\n"); print(list(s), s.tell(), s.truncate(2), s.tell(), s.read(), s.seek(0), s.read())
s=StringIO(); print(s.write("\U0001f600x"), s.tell(), len(s.getvalue()))
print(repr(StringIO(newline=None).newlines))
s = StringIO("a\r\nb", newline=""); print(s.readline(), repr(s.readline()))
s = StringIO(newline=None); s.write("a\r"); s.write("\nb"); print(repr(s.getvalue()))
