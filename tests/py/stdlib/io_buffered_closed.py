# Buffered objects: errors after close() and detach().
import _io, os
d = "/tmp/io_bufclosed_%d" % os.getpid()
os.mkdir(d)
os.chdir(d)
with _io.FileIO("src", "w") as f: f.write(b"data\n")
open_ = _io.FileIO
f = open_("src")
for cls in (_io.BufferedReader, _io.BufferedWriter, _io.BufferedRandom):
    try:
        b = cls(_io.FileIO("x", "w+"))
    except Exception as e: print(type(e).__name__, e); continue
    b.close()
    for m in ["read","read1","peek","readline","write","flush","seek","tell","truncate","readinto","fileno","isatty","readable","writable","seekable","detach","__next__","readlines","__enter__"]:
        f = getattr(b, m, None)
        if f is None: print(cls.__name__, m, "missing"); continue
        a = {"write": (b"x",), "seek": (0,), "readinto": (bytearray(2),)}.get(m, ())
        try: print(cls.__name__, m, f(*a))
        except Exception as e: print(cls.__name__, m, type(e).__name__, e)
    print(repr(b), b.closed)
b = _io.BufferedReader(_io.FileIO("src"))
print(repr(b), b.name, b.mode, b.raw)
for a in [(0, 3), (-1, 0)]:
    try: b.seek(*a)
    except Exception as e: print(type(e).__name__, e)
try: b.read(-2)
except Exception as e: print(type(e).__name__, e)
try: _io.BufferedReader(_io.FileIO("src"), 0)
except Exception as e: print(type(e).__name__, e)
try: _io.BufferedReader(_io.FileIO("x", "w"))
except Exception as e: print(type(e).__name__, e)
try: _io.BufferedWriter(_io.FileIO("src"))
except Exception as e: print(type(e).__name__, e)
r = b.detach(); print(r)
for m in ["read", "write", "flush", "close", "tell", "fileno", "seekable", "detach"]:
    try: print(getattr(b, m)(*((b"x",) if m=="write" else ())))
    except Exception as e: print(m, type(e).__name__, e)
try: print(b.closed)
except Exception as e: print(type(e).__name__, e)
print(repr(b))
try: print(b.name)
except Exception as e: print(type(e).__name__, e)
b = _io.BufferedReader(_io.BytesIO(b"a"))
print(repr(b))
os.remove("src"); os.remove("x"); os.chdir("/"); os.rmdir(d)
