# os.stat / lstat / fstat and stat_result as a struct sequence; path
# arguments (str, bytes, PathLike, fd) and OSError subclasses with filenames.
import os, stat

base = "/tmp/os_stat_%d" % os.getpid()
os.mkdir(base)
try:
    f = os.path.join(base, "f.txt")
    fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    print(os.write(fd, b"hello world"))
    os.close(fd)
    st = os.stat(f)
    print(type(st).__name__, len(st), st.n_sequence_fields, st.n_fields, st.n_unnamed_fields)
    print(st.st_size, st[6], stat.S_ISREG(st.st_mode), stat.S_ISDIR(st[0]))
    print(type(st.st_mtime).__name__, type(st[8]).__name__, type(st.st_mtime_ns).__name__)
    print(st[8] == int(st.st_mtime), st.st_mtime_ns // 10**9 == st[8])
    print(st.st_blksize > 0, st.st_blocks >= 0, st.st_rdev, st.st_nlink)
    print(st == os.stat(f.encode()), isinstance(st, tuple), st[:2] == (st.st_mode, st.st_ino))
    r = repr(st)
    print(r.startswith("os.stat_result(st_mode="), "st_ctime=" in r)
    fd = os.open(f, os.O_RDONLY)
    print(os.fstat(fd).st_size, os.stat(fd).st_size, os.fstat(fd=fd).st_ino == st.st_ino)
    os.close(fd)

    class P:
        def __init__(self, p):
            self.p = p

        def __fspath__(self):
            return self.p

    print(os.stat(P(f)).st_size, os.fspath(P(b"x")), os.fspath("y"))
    os.symlink(f, os.path.join(base, "link"))
    print(stat.S_ISLNK(os.lstat(os.path.join(base, "link")).st_mode),
          stat.S_ISLNK(os.stat(os.path.join(base, "link"), follow_symlinks=False).st_mode),
          os.stat(os.path.join(base, "link")).st_size)
    print(os.readlink(os.path.join(base, "link")) == f,
          type(os.readlink(os.path.join(base, "link").encode())).__name__)
    dfd = os.open(base, os.O_RDONLY)
    print(os.stat("f.txt", dir_fd=dfd).st_size)
    os.close(dfd)

    s2 = os.stat_result(tuple(range(10)))
    print(s2, s2.st_atime, s2.st_blksize)
    s3 = os.stat_result(tuple(range(13)))
    print(s3.st_atime, s3[7])

    tests = [
        lambda: os.stat(os.path.join(base, "missing")),
        lambda: os.lstat(b"/nonexistent/x"),
        lambda: os.stat(P("/nonexistent")),
        lambda: os.stat("a\0b"),
        lambda: os.stat(b"a\0b"),
        lambda: os.stat([]),
        lambda: os.stat(None),
        lambda: os.stat(3.5),
        lambda: os.stat(P(3)),
        lambda: os.fstat(9999),
        lambda: os.stat(9999),
        lambda: os.stat(".", dir_fd="x"),
        lambda: os.stat_result((1, 2)),
        lambda: os.stat_result(tuple(range(20))),
        lambda: os.fspath(3),
        lambda: os.fstat("x"),
        lambda: os.stat(),
        lambda: os.mkdir(base),
        lambda: os.rmdir(os.path.join(base, "f.txt")),
        lambda: os.open(os.path.join(base, "nope", "x"), os.O_RDONLY),
        lambda: os.rename(os.path.join(base, "nx"), os.path.join(base, "ny")),
        lambda: os.rename("a", b"b"),
        lambda: os.readlink(f),
        lambda: os.close(2**40),
    ]
    for t in tests:
        try:
            t()
        except Exception as e:
            print(type(e).__name__, str(e).replace(base, "BASE"),
                  repr(getattr(e, "filename", None)).replace(base, "BASE"))
finally:
    for n in os.listdir(base):
        os.unlink(os.path.join(base, n))
    os.rmdir(base)
print(os.path.exists(base))
