# Undecodable file names round-trip through str with surrogateescape
# (listdir/scandir decode, every path argument encodes).
import os

d = "/tmp/os_surrogates_%d" % os.getpid()
os.mkdir(d)
try:
    os.close(os.open(os.fsencode(d) + b"/x\xff", os.O_CREAT | os.O_WRONLY, 0o600))
    n = os.listdir(d)[0]
    print(ascii(n), os.stat(d + "/" + n).st_size, os.path.exists(d + "/" + n))
    os.rename(d + "/" + n, d + "/y\udcfe\u00e9")
    print(os.listdir(os.fsencode(d)), [ascii(x) for x in os.listdir(d)])
    for e in os.scandir(d):
        print(ascii(e.name), e.stat().st_size, e.is_file(), ascii(e.path[len(d):]))
    try:
        os.stat("\ud800")
    except Exception as e:
        print(type(e).__name__, e)
    os.unlink(d + "/y\udcfe\u00e9")
finally:
    os.rmdir(d)
