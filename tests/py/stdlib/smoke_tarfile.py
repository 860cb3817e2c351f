# tarfile: create (plain, gz, bz2, xz) with add/addfile, TarInfo fields,
# list and read members, extract (Debian 3.11.2 has no extraction filters), append, stream mode,
# in-memory archives, errors.
import io
import os
import shutil
import tarfile
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)
os.makedirs("src/sub")
with open("src/a.txt", "w") as f:
    f.write("alpha\n" * 10)
with open("src/sub/b.txt", "w") as f:
    f.write("beta\n")
os.symlink("a.txt", "src/link")
for p in ("src", "src/sub", "src/a.txt", "src/sub/b.txt"):
    os.utime(p, (1700000000, 1700000000))


def reset(ti):
    ti.uid = ti.gid = 1000
    ti.uname = ti.gname = "user"
    ti.mtime = 1700000000
    return ti


for mode in ("w", "w:gz", "w:bz2", "w:xz"):
    name = "t.tar" + ("." + mode[2:] if ":" in mode else "")
    with tarfile.open(name, mode) as t:
        t.add("src", filter=reset)
    with tarfile.open(name) as t:
        print(mode, t.getnames(), [m.type for m in t.getmembers()])
with tarfile.open("t.tar.gz", "r:gz") as t:
    for m in t:
        print(m.name, m.size, oct(m.mode), m.isdir(), m.isfile(), m.issym(), m.linkname, m.uid, m.uname, m.mtime)
    print(t.extractfile("src/a.txt").read(12), t.extractfile("src/sub"), t.getmember("src/link").linkname)
    t.extractall("out")
print(sorted(os.path.relpath(os.path.join(r, f), "out") for r, _, fs in os.walk("out") for f in fs), os.path.islink("out/src/link"))
with tarfile.open("t.tar", "a") as t:
    info = tarfile.TarInfo("extra/note.txt")
    payload = "Grüße\n".encode()
    info.size = len(payload)
    info.mtime = 1700000000
    t.addfile(info, io.BytesIO(payload))
with tarfile.open("t.tar") as t:
    print(t.getnames()[-1], t.extractfile("extra/note.txt").read().decode(), end="")
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w|gz") as t:
    ti = tarfile.TarInfo("stream.txt")
    ti.size = 3
    t.addfile(ti, io.BytesIO(b"abc"))
buf.seek(0)
with tarfile.open(fileobj=buf, mode="r|*") as t:
    for m in t:
        print("stream", m.name, t.extractfile(m).read())
out = io.StringIO()
import sys
old, sys.stdout = sys.stdout, out
with tarfile.open("t.tar") as t:
    t.list(verbose=False)
sys.stdout = old
print(out.getvalue().split())
print(tarfile.is_tarfile("t.tar"), tarfile.is_tarfile("src/a.txt"), tarfile.TarInfo("x").tobuf()[:8])
for bad in (lambda: tarfile.open("src/a.txt"), lambda: tarfile.open("t.tar").getmember("nope"),
            lambda: tarfile.open("missing.tar"), lambda: tarfile.open("t.tar", "w:zz")):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)
os.chdir("/")
shutil.rmtree(d)
