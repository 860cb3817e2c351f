# Directories and file descriptors: listdir, scandir/DirEntry, open/read/
# write/lseek/dup/pipe, rename/replace/unlink/mkdir/rmdir/chmod/utime/link,
# access, inheritable/blocking flags, and os.py's helpers over them.
import os, stat

base = "/tmp/os_files_%d" % os.getpid()
os.makedirs(os.path.join(base, "sub", "deep"))
try:
    os.chdir(base)
    for n in ["b.txt", "a.txt"]:
        with open(n, "w") as f:
            f.write(n * 3)
    os.symlink("a.txt", "ln")
    print(sorted(os.listdir()), sorted(os.listdir(b".")), sorted(os.listdir(base)))
    with os.scandir() as it:
        ents = sorted(it, key=lambda e: e.name)
    for e in ents:
        print(e, e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(),
              e.is_file(follow_symlinks=False), e.inode() == os.stat(e.path, follow_symlinks=False).st_ino,
              e.stat().st_size, os.fspath(e))
    it = os.scandir(b"sub")
    e = next(it)
    print(e.name, e.path, e.is_dir(), type(e).__name__)
    print(list(it))
    it.close()
    it.close()
    dfd = os.open("sub", os.O_RDONLY)
    with os.scandir(dfd) as it:
        print([(x.name, x.path, x.is_dir()) for x in it])
    print(os.listdir(dfd))
    os.close(dfd)
    print([sorted(x) for x in sorted(os.walk(base))[0][1:]])

    fd = os.open("c.bin", os.O_RDWR | os.O_CREAT, 0o600)
    print(os.write(fd, b"0123456789"), os.write(fd, bytearray(b"ab")), os.write(fd, memoryview(b"cd")))
    print(os.lseek(fd, 0, os.SEEK_SET), os.read(fd, 4), os.lseek(fd, -2, os.SEEK_END), os.read(fd, 100), os.read(fd, 5))
    os.ftruncate(fd, 3)
    print(os.fstat(fd).st_size, os.get_inheritable(fd), os.get_blocking(fd), os.isatty(fd))
    os.set_inheritable(fd, True)
    print(os.get_inheritable(fd))
    fd2 = os.dup(fd)
    print(os.get_inheritable(fd2), os.dup2(fd, fd2) == fd2, os.get_inheritable(fd2))
    os.close(fd2)
    os.fsync(fd)
    os.close(fd)
    r, w = os.pipe()
    os.set_blocking(r, False)
    print(os.get_blocking(r), os.write(w, b"pipe"), os.read(r, 10))
    try:
        os.read(r, 10)
    except BlockingIOError as e:
        print(type(e).__name__, e.errno)
    os.close(r)
    os.close(w)

    os.chmod("c.bin", 0o640)
    print(oct(stat.S_IMODE(os.stat("c.bin").st_mode)))
    os.utime("c.bin", (100, 200.5))
    st = os.stat("c.bin")
    print(st.st_atime, st.st_mtime, st[8])
    os.utime("c.bin", ns=(5 * 10**9, 7 * 10**9 + 3))
    print(os.stat("c.bin").st_mtime_ns)
    os.link("c.bin", "hard")
    print(os.stat("c.bin").st_nlink)
    os.rename("hard", "hard2")
    os.replace("hard2", "c2.bin")
    print(os.access("c2.bin", os.R_OK), os.access("nope", os.F_OK))
    os.remove("c2.bin")
    os.unlink("c.bin")
    os.rmdir("sub/deep")
    print(sorted(os.listdir("sub")), os.path.isdir("sub"))
    os.truncate("a.txt", 2)
    print(os.path.getsize("a.txt"))
    print(os.getcwd() == base, os.getcwdb() == base.encode())
    for t in [lambda: os.listdir([]), lambda: os.scandir("nope"), lambda: os.read(99, 1),
              lambda: os.read(0, -1), lambda: os.write(1, "s"), lambda: os.open("a.txt", "r"),
              lambda: os.chdir("nope"), lambda: os.utime("a.txt", (1,)),
              lambda: os.utime("a.txt", (1, 2), ns=(1, 2)), lambda: os.lseek(99, 0, 0),
              lambda: os.unlink("nope"), lambda: os.link("nope", "x"),
              lambda: os.utime("a.txt", ns=("a", 1))]:
        try:
            t()
        except Exception as e:
            print(type(e).__name__, e)
finally:
    os.chdir("/")
    for root, dirs, files in os.walk(base, topdown=False):
        for n in files:
            os.unlink(os.path.join(root, n))
        for n in dirs:
            p = os.path.join(root, n)
            (os.unlink if os.path.islink(p) else os.rmdir)(p)
    os.rmdir(base)
print(os.path.exists(base))
