import errno

names = sorted(n for n in dir(errno) if n.startswith("E"))
print(len(names))
for n in names:
    print(n, getattr(errno, n))
print(len(errno.errorcode))
for k in sorted(errno.errorcode):
    print(k, errno.errorcode[k])
print(list(errno.errorcode.items())[:5])
print(errno.errorcode[errno.EAGAIN], errno.errorcode[errno.EDEADLK], errno.errorcode[errno.ENOTSUP])
try:
    open("/nonexistent/file")
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
print(type(errno.errorcode).__name__, errno.__name__)
