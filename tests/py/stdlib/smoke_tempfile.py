# tempfile: TemporaryFile, NamedTemporaryFile (delete or keep),
# SpooledTemporaryFile rollover, TemporaryDirectory cleanup, mkstemp/mkdtemp
# with prefix/suffix/dir, gettempdir.  Paths themselves are never printed.
import os
import tempfile

with tempfile.TemporaryFile() as f:
    f.write(b"abc")
    f.seek(0)
    print(f.read(), f.mode, type(f.name).__name__)
with tempfile.TemporaryFile("w+", encoding="utf-8") as f:
    f.write("text é")
    f.seek(0)
    print(repr(f.read()), f.encoding)
with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="pre_", delete=False) as f:
    f.write("kept")
    name = f.name
print(os.path.basename(name).startswith("pre_"), name.endswith(".txt"), os.path.exists(name), open(name).read())
os.unlink(name)
with tempfile.NamedTemporaryFile() as f:
    n2 = f.name
    print(os.path.exists(n2), os.path.isabs(n2))
print(os.path.exists(n2))
with tempfile.SpooledTemporaryFile(max_size=10, mode="w+b") as sp:
    sp.write(b"12345")
    print(sp._rolled, sp.tell())
    sp.write(b"1234567890")
    print(sp._rolled, sp.tell())
    sp.seek(0)
    print(sp.read())
with tempfile.TemporaryDirectory(prefix="tdir_") as d:
    print(os.path.isdir(d), os.path.basename(d).startswith("tdir_"))
    fd, path = tempfile.mkstemp(suffix=".dat", dir=d)
    os.write(fd, b"raw")
    os.close(fd)
    print(os.path.dirname(path) == d, open(path, "rb").read(), oct(os.stat(path).st_mode & 0o777))
    sub = tempfile.mkdtemp(dir=d)
    print(os.path.isdir(sub), oct(os.stat(sub).st_mode & 0o777))
    os.makedirs(os.path.join(d, "a", "b"))
    open(os.path.join(d, "a", "b", "f"), "w").close()
    kept = d
print(os.path.exists(kept))
td = tempfile.TemporaryDirectory()
p = td.name
print(os.path.isdir(p))
td.cleanup()
print(os.path.isdir(p))
print(os.path.isdir(tempfile.gettempdir()), tempfile.gettempdir() == tempfile.tempdir or tempfile.tempdir is None)
print(type(tempfile.gettempdirb()).__name__, tempfile.gettempprefix(), len(next(tempfile._get_candidate_names())))
try:
    tempfile.mkstemp(dir="/nonexistent/dir")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
