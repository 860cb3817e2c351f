# shutil: copyfile/copy/copy2/copymode, copytree with ignore, move, rmtree
# with onerror, disk_usage, which, make_archive/unpack_archive,
# get_terminal_size, errors.  Everything happens in a temporary directory.
import os
import shutil
import stat
import tempfile

base = tempfile.mkdtemp()
os.chdir(base)


def tree(top):
    out = []
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for f in sorted(files):
            out.append(os.path.relpath(os.path.join(root, f), top))
    return out


os.makedirs("src/sub")
with open("src/a.txt", "w") as f:
    f.write("alpha\n")
with open("src/sub/b.py", "w") as f:
    f.write("print('b')\n")
with open("src/sub/c.pyc", "wb") as f:
    f.write(b"\0")
os.chmod("src/a.txt", 0o640)
os.utime("src/a.txt", (1000000000, 1000000000))
print(shutil.copyfile("src/a.txt", "copy1.txt"), oct(os.stat("copy1.txt").st_mode & 0o777) != "0o640" or "same")
print(shutil.copy("src/a.txt", "copy2.txt"), oct(os.stat("copy2.txt").st_mode & 0o777))
shutil.copy2("src/a.txt", "copy3.txt")
print(os.stat("copy3.txt").st_mtime, open("copy3.txt").read(), end="")
print(shutil.copytree("src", "dst", ignore=shutil.ignore_patterns("*.pyc")), tree("dst"))
os.mkdir("into")
print(os.path.relpath(shutil.move("copy1.txt", "into"), base), shutil.move("dst", "moved"), tree("moved"))
shutil.copymode("src/a.txt", "copy2.txt")
print(oct(stat.S_IMODE(os.stat("copy2.txt").st_mode)))
arc = shutil.make_archive("arch", "gztar", root_dir="src")
print(os.path.basename(arc), sorted(n for n, d in shutil.get_archive_formats())[:3])
shutil.unpack_archive(arc, "unpacked")
print(tree("unpacked"))
zp = shutil.make_archive("z", "zip", root_dir="src", base_dir="sub")
shutil.unpack_archive(zp, "unz")
print(tree("unz"))
shutil.rmtree("moved")
print(os.path.exists("moved"), sorted(os.listdir(".")))
errs = []
shutil.rmtree("missing", onerror=lambda fn, p, ei: errs.append((fn.__name__, ei[0].__name__)))
print(errs)
shutil.rmtree("missing", ignore_errors=True)
du = shutil.disk_usage(".")
print(du.total >= du.used > 0, du._fields)
print(os.path.basename(shutil.which("sh")), shutil.which("no-such-program-xyz"))
print(shutil.get_terminal_size((99, 33)) is not None)


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, getattr(e, "errno", None))


err(lambda: shutil.copyfile("nope", "x"))
err(lambda: shutil.copyfile("src/a.txt", "src/a.txt"))
err(lambda: shutil.copytree("src", "unpacked"))
err(lambda: shutil.make_archive("q", "rar"))
print(issubclass(shutil.SameFileError, shutil.Error), issubclass(shutil.Error, OSError))
os.chdir("/")
shutil.rmtree(base)
print(os.path.exists(base))
