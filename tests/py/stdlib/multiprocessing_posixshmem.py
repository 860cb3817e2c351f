# _posixshmem: shm_open / shm_unlink (multiprocessing.shared_memory also
# needs mmap, which pvm lacks yet).
import os
import _posixshmem

tag = "/pvmshm%d" % os.getpid()
print(sorted(x for x in dir(_posixshmem) if not x.startswith('__')))
for f in (lambda: _posixshmem.shm_open(tag + "x", 0),
          lambda: _posixshmem.shm_unlink(tag + "x"),
          lambda: _posixshmem.shm_open(5, 0),
          lambda: _posixshmem.shm_open(tag, "r"),
          lambda: _posixshmem.shm_open()):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, str(e).replace(tag, "TAG"))

fd = _posixshmem.shm_open(tag, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
os.ftruncate(fd, 4096)
print(os.fstat(fd).st_size)
os.close(fd)
_posixshmem.shm_unlink(tag)
