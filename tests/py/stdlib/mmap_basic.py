# mmap: anonymous and file-backed maps, reading, writing, seeking, slicing,
# find/rfind, move, resize, the buffer protocol, constants.
import mmap, os, tempfile, re, struct

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

print(mmap.PAGESIZE == os.sysconf("SC_PAGESIZE"), mmap.ALLOCATIONGRANULARITY == mmap.PAGESIZE)
for name in ["MAP_SHARED", "MAP_PRIVATE", "MAP_ANON", "MAP_ANONYMOUS", "MAP_DENYWRITE",
             "MAP_EXECUTABLE", "MAP_POPULATE", "MAP_STACK", "PROT_READ", "PROT_WRITE",
             "PROT_EXEC", "ACCESS_DEFAULT", "ACCESS_READ", "ACCESS_WRITE", "ACCESS_COPY",
             "MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED", "MADV_DONTNEED",
             "MADV_FREE", "MADV_REMOVE", "MADV_DONTFORK", "MADV_DOFORK", "MADV_MERGEABLE",
             "MADV_UNMERGEABLE", "MADV_HUGEPAGE", "MADV_NOHUGEPAGE", "MADV_DONTDUMP",
             "MADV_DODUMP", "MADV_HWPOISON"]:
    print(name, getattr(mmap, name, "missing"))
print(mmap.error is OSError, mmap.mmap.__name__, mmap.mmap.__module__)

m = mmap.mmap(-1, 13)
print(repr(m).startswith("<mmap.mmap closed=False, access=ACCESS_DEFAULT, length=13, pos=0, offset=0>"))
print(len(m), m.tell(), m[:])
show("anon size", lambda: m.size())
print(m.write(b"hello world\n!"), m.tell())
m.seek(0)
print(m.read(5), m.read_byte(), m.tell(), m.readline(), m.readline(), m.readline())
m.seek(0)
print(m.read(), m.read(), m.read(None) if False else "", m.read(-1))
m.seek(2); print(m.read(3))
m.seek(-3, os.SEEK_END); print(m.tell(), m.read())
m.seek(-2, os.SEEK_CUR); print(m.tell())
show("seek bad", lambda: m.seek(100))
show("seek neg", lambda: m.seek(-1))
show("seek whence", lambda: m.seek(0, 3))
print(m.seek(13), m.tell())
show("read_byte eof", lambda: m.read_byte())
show("write eof", lambda: m.write(b"x"))
show("write_byte eof", lambda: m.write_byte(1))
m.seek(0)
print(m[0], m[-1], m[1:5], m[::2], m[::-1], m[10:2:-3], m[100:], m[-100:3])
show("index", lambda: m[13])
show("index neg", lambda: m[-14])
show("index str", lambda: m["a"])
m[0] = 72; m[1:3] = b"EL"; m[::4] = b"#$%&"
print(m[:])
def setit(k, v):
    m[k] = v
show("set big", lambda: setit(0, 256))
show("set neg", lambda: setit(0, -1))
show("set bytes", lambda: setit(0, b"a"))
show("set idx", lambda: setit(20, 1))
show("set slice size", lambda: setit(slice(0, 3), b"ab"))
show("set slice type", lambda: setit(slice(0, 2), "ab"))
show("set ext slice size", lambda: setit(slice(0, 6, 2), b"ab"))
show("del", lambda: m.__delitem__(0))
show("del slice", lambda: m.__delitem__(slice(0, 1)))
show("set key", lambda: setit("a", 1))
m[:] = b"abcabcabcabc!"
print(m.find(b"c"), m.find(b"c", 3), m.find(b"c", 3, 5), m.find(b"zz"), m.rfind(b"abc"),
      m.rfind(b"abc", 0, 8), m.find(b"abc", -4), m.rfind(b"a", -100, -2), m.find(b""), m.rfind(b""))
m.seek(4); print(m.find(b"a"), m.rfind(b"c"))
show("find str", lambda: m.find("a"))
print(list(m)[:3], b"a" in m, b"q" in m, 97 in m, hasattr(m, "count"), len(list(iter(m))))
it = iter(m); print(next(it), next(it), type(it).__name__)
m.move(0, 3, 6); print(m[:])
show("move bad", lambda: m.move(10, 0, 5))
show("move neg", lambda: m.move(-1, 0, 1))
m.write_byte(ord("Z")); print(m.tell(), m[:])
m.seek(0)
print(bytes(m), bytes(memoryview(m)[1:3]), memoryview(m).readonly, memoryview(m).nbytes)
mv = memoryview(m)
mv[0] = ord("q")
print(m[0], m.find(b"q"))
show("close exported", lambda: m.close())
show("resize exported", lambda: m.resize(20))
mv.release()
struct.pack_into("<I", m, 4, 0x41424344)
print(m[:8])
print(re.findall(rb"[a-c]+", m), re.search(rb"DCBA", m).span())
print(m.flush(), m.flush(0, 0))
show("flush bad", lambda: m.flush(1, 1))
print(m.madvise(mmap.MADV_NORMAL), m.madvise(mmap.MADV_NORMAL, 0, 1))
show("madvise start", lambda: m.madvise(mmap.MADV_NORMAL, 100))
show("madvise len", lambda: m.madvise(mmap.MADV_NORMAL, 0, -1))
m.resize(20000); print(len(m), m[:13], m[13:20], m.tell())
m.seek(19999); m.resize(10); print(m.tell(), len(m), m[:])
show("read_byte after shrink", lambda: m.read_byte())
with m as mm:
    print(mm is m, m.closed)
print(m.closed, repr(m))
for name, f in [("read", lambda: m.read()), ("len", lambda: len(m)), ("idx", lambda: m[0]),
                ("size", lambda: m.size()), ("tell", lambda: m.tell()), ("seek", lambda: m.seek(0)),
                ("write", lambda: m.write(b"")), ("find", lambda: m.find(b"")),
                ("bytes", lambda: bytes(m)), ("flush", lambda: m.flush()),
                ("resize", lambda: m.resize(5)), ("enter", lambda: m.__enter__()),
                ("slice", lambda: m[:]), ("madvise", lambda: m.madvise(0))]:
    show(name, f)
print(m.close(), m.closed)

# files
d = tempfile.mkdtemp()
fn = os.path.join(d, "f")
with open(fn, "wb") as f:
    f.write(b"0123456789" * 500)
with open(fn, "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    print(len(m), m.size(), m[:12], repr(m)[:70])
    m[0:3] = b"abc"
    m.flush()
    m.resize(10000)
    print(len(m), m.size(), os.path.getsize(fn))
    m.close()
    m = mmap.mmap(f.fileno(), 100, offset=mmap.PAGESIZE)
    print(m[:5], len(m), m.size())
    m.close()
    show("offset big", lambda: mmap.mmap(f.fileno(), 0, offset=20000))
    show("offset unaligned", lambda: mmap.mmap(f.fileno(), 10, offset=5))
    show("len big", lambda: mmap.mmap(f.fileno(), 20000))
    show("neg len", lambda: mmap.mmap(f.fileno(), -1))
    show("neg off", lambda: mmap.mmap(f.fileno(), 1, offset=-1))
    show("both", lambda: mmap.mmap(f.fileno(), 1, prot=mmap.PROT_READ, access=mmap.ACCESS_READ))
    show("access bad", lambda: mmap.mmap(f.fileno(), 1, access=7))
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    print(m[:3], repr(m)[:60])
    show("ro write", lambda: m.write(b"x"))
    show("ro write_byte", lambda: m.write_byte(1))
    show("ro set", lambda: m.__setitem__(0, 1))
    show("ro slice", lambda: m.__setitem__(slice(0, 1), b"a"))
    show("ro move", lambda: m.move(0, 1, 1))
    show("ro resize", lambda: m.resize(1))
    show("ro pack_into", lambda: struct.pack_into("b", m, 0, 1))
    print(memoryview(m).readonly)
    m.close()
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
    m[0:3] = b"XYZ"
    print(m[:5], repr(m)[:60])
    show("copy resize", lambda: m.resize(1))
    m.close()
    f.seek(0); print(f.read(5))
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_WRITE)
    print(repr(m)[:60]); m.close()
    m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
    print(repr(m)[:60]); show("prot ro write", lambda: m.write(b"a")); m.close()
    m = mmap.mmap(fileno=f.fileno(), length=0, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ | mmap.PROT_WRITE, offset=0)
    print(repr(m)[:60]); m.close()
with open(os.path.join(d, "e"), "wb") as f:
    pass
with open(os.path.join(d, "e"), "rb") as f:
    show("empty", lambda: mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
show("bad fd", lambda: mmap.mmap(987, 10))
show("anon zero", lambda: mmap.mmap(-1, 0))
show("str fd", lambda: mmap.mmap("a", 0))
show("no args", lambda: mmap.mmap())
show("kw", lambda: mmap.mmap(-1, 1, bogus=1))
import pickle
show("pickle", lambda: pickle.dumps(mmap.mmap(-1, 1)))
show("hash", lambda: type(hash(mmap.mmap(-1, 1))))
show("subclass", lambda: type("M", (mmap.mmap,), {})(-1, 4)[:])
import weakref
m = mmap.mmap(-1, 4); r = weakref.ref(m); del m
print(r() is None)
os.unlink(fn); os.unlink(os.path.join(d, "e")); os.rmdir(d)
