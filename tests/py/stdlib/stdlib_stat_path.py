# stat and posixpath (os.path) from CPython's standard library.
import stat
import os
import posixpath

print(os.path is posixpath, posixpath.__file__.endswith("/posixpath.py"))
print(stat.S_ISDIR(stat.S_IFDIR | 0o755), stat.S_ISREG(stat.S_IFDIR), stat.S_IMODE(0o100644))
print(stat.filemode(0o100644), stat.filemode(0o40755), stat.filemode(0o120777), stat.S_IFMT(0o100644))
print(stat.ST_MODE, stat.S_IRWXU, stat.UF_NODUMP)
st = os.stat("/")
print(stat.S_ISDIR(st.st_mode), stat.S_ISREG(os.stat(__file__).st_mode))
print(posixpath.join("a", "b", "/c", "d"), posixpath.split("/a/b/"), posixpath.splitext("x.tar.gz"))
print(posixpath.normpath("/a/./b/../c//d/"), posixpath.normpath(""), posixpath.normpath("../../x"))
print(posixpath.basename("/a/b.py"), posixpath.dirname("/a/b.py"), posixpath.isabs("a"), posixpath.isabs("/a"))
print(posixpath.commonprefix(["/usr/lib", "/usr/local"]), posixpath.commonpath(["/usr/lib", "/usr/local"]))
print(posixpath.relpath("/a/b/c", "/a/d"), posixpath.splitdrive("/x"))
print(posixpath.exists("/"), posixpath.isdir("/"), posixpath.isfile("/"), posixpath.exists("/no/such/pvm"))
print(posixpath.abspath("x") == posixpath.join(os.getcwd(), "x"), posixpath.normcase("AbC"))
for bad in [lambda: posixpath.join("a", 3), lambda: posixpath.commonpath([]),
            lambda: posixpath.commonpath(["/a", "b"])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
