# The standard library's os.py over posix: makedirs/removedirs, walk and
# fwalk (scandir(fd), dir_fd calls), PathLike, fsencode/fsdecode, environb,
# get_exec_path, supports_* sets, and surrogate-escaped names.
import os, stat

base = "/tmp/os_helpers_%d" % os.getpid()
os.makedirs(os.path.join(base, "a", "b", "c"))
os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print(type(e).__name__, e.strerror)
with open(os.path.join(base, "a", "f"), "wb") as f:
    f.write(b"data")
odd = os.path.join(base, "a", "b").encode() + b"/x\xff"
os.close(os.open(odd, os.O_WRONLY | os.O_CREAT, 0o600))
print([sorted(x) for x in sorted(os.walk(base))[1][1:]])
for root, dirs, files, rootfd in sorted(os.fwalk(base), key=lambda t: t[0]):
    print(root.replace(base, "B"), sorted(dirs), sorted(files), type(rootfd).__name__)
print(sorted(os.listdir(os.path.join(base, "a", "b"))))
print(sorted(os.listdir(os.fsencode(os.path.join(base, "a", "b")))))
print(os.fsencode("abc"), os.fsdecode(b"abc"), os.path.exists(odd), os.path.exists(os.fsdecode(b"x")))


class P(os.PathLike):
    def __fspath__(self):
        return base


print(isinstance(P(), os.PathLike), issubclass(str, os.PathLike), os.path.isdir(P()))
print(os.stat(P()).st_mode == os.stat(base).st_mode)
print(os.environb[b"PVM_HELPERS"] if b"PVM_HELPERS" in os.environb else None)
os.environ["PVM_HELPERS"] = "1"
print(os.environb[b"PVM_HELPERS"], "PVM_HELPERS" in os.environ.copy())
print(os.open in os.supports_dir_fd, os.scandir in os.supports_fd, os.access in os.supports_effective_ids)
os.unlink(odd)
os.unlink(os.path.join(base, "a", "f"))
os.removedirs(os.path.join(base, "a", "b", "c"))
print(os.path.exists(base))
