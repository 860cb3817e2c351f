# The rest of posix's common surface: chown/lchown/fchown, major/minor/
# makedev, mkfifo, statvfs, sysconf, pread/pwrite/sendfile, fdatasync,
# getloadavg, getgroups, getsid, sched_yield, and their errors.
import os, stat

base = "/tmp/posix_misc_%d" % os.getpid()
os.mkdir(base)
try:
    f = os.path.join(base, "f")
    fd = os.open(f, os.O_RDWR | os.O_CREAT, 0o600)
    print(os.pwrite(fd, b"hello world", 0), os.pread(fd, 5, 6), os.pread(fd, 100, 20))
    os.fdatasync(fd)
    st = os.stat(f)
    os.chown(f, st.st_uid, st.st_gid)
    os.chown(f, -1, -1)
    os.fchown(fd, -1, -1)
    os.lchown(f, -1, -1)
    os.chown(fd, -1, -1)
    fd2 = os.open(os.path.join(base, "g"), os.O_WRONLY | os.O_CREAT, 0o600)
    print(os.sendfile(fd2, fd, 0, 5), os.sendfile(fd2, fd, 6, 100))
    os.close(fd2)
    print(open(os.path.join(base, "g"), "rb").read())
    os.close(fd)
    os.mkfifo(os.path.join(base, "fifo"))
    print(stat.S_ISFIFO(os.stat(os.path.join(base, "fifo")).st_mode))
    d = os.makedev(8, 17)
    print(d, os.major(d), os.minor(d))
    v = os.statvfs(base)
    print(type(v).__name__, len(v), v.n_fields, v.f_bsize > 0, v[0] == v.f_bsize, isinstance(v.f_fsid, int))
    print(os.sysconf("SC_PAGESIZE") == os.sysconf(os.sysconf_names["SC_PAGESIZE"]), "SC_OPEN_MAX" in os.sysconf_names)
    print(len(os.getloadavg()), type(os.getgroups()).__name__, os.getsid(0) > 0, os.sched_yield())
    print(os.chown in os.supports_dir_fd, os.chown in os.supports_fd, os.chown in os.supports_follow_symlinks)
    for t in [lambda: os.sysconf("nope"), lambda: os.sysconf(1.5), lambda: os.chown("/nonexistent", -1, -1),
              lambda: os.ttyname(99), lambda: os.pread(99, 1, 0), lambda: os.mkfifo(os.path.join(base, "fifo")),
              lambda: os.statvfs("/nonexistent"), lambda: os.chown(f, "a", 1)]:
        try:
            t()
        except Exception as e:
            print(type(e).__name__, str(e).replace(base, "BASE"))
finally:
    for n in os.listdir(base):
        os.unlink(os.path.join(base, n))
    os.rmdir(base)
