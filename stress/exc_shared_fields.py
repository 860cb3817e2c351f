# One exception object shared by several threads: some replace args,
# __cause__, __context__, __traceback__, __suppress_context__ and __notes__
# while others read them, call str()/repr(), and raise the same instance
# (each raise rewrites its traceback and context).  No crash, no
# use-after-free (ASan), values read are always ones that were written.
import threading

shared = ValueError("start")
shared_os = OSError(2, "No such file", "a")
shared_uni = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "bad")
ITER = 3000
NW = 2
NR = 2
errors = []
start = threading.Barrier(NW + NR + 2)


def writer(k):
    start.wait()
    causes = [KeyError(k), None, TypeError("t%d" % k)]
    for i in range(ITER):
        shared.args = ("w%d" % k, list(range(i % 50)), i)
        shared.__cause__ = causes[i % 3]
        shared.__context__ = causes[(i + 1) % 3]
        shared.__suppress_context__ = bool(i & 1)
        shared.__notes__ = ["note %d %d" % (k, i)]
        shared_os.filename = "f%d" % i
        shared_os.strerror = "s%d" % i
        shared_uni.reason = "r%d" % i
        shared_uni.object = bytes([i % 256]) * 3
        shared.with_traceback(None)


def reader():
    start.wait()
    for i in range(ITER):
        a = shared.args
        if not (a == ("start",) or (len(a) == 3 and a[0] in ("w0", "w1"))):
            errors.append(("args", a))
        str(shared)
        repr(shared)
        c = shared.__cause__
        if c is not None and not isinstance(c, (KeyError, TypeError)):
            errors.append(("cause", c))
        shared.__context__
        shared.__suppress_context__
        tb = shared.__traceback__
        while tb is not None:
            tb.tb_lineno
            tb = tb.tb_next
        str(shared_os)
        str(shared_uni)
        repr(shared_os)


def raiser():
    start.wait()
    for i in range(ITER):
        try:
            try:
                raise KeyError(i)
            except KeyError:
                raise shared
        except ValueError as e:
            if e is not shared:
                errors.append(("raised", e))
            tb = e.__traceback__
            n = 0
            while tb is not None and n < 100000:
                tb = tb.tb_next
                n += 1


ts = [threading.Thread(target=writer, args=(k,)) for k in range(NW)]
ts += [threading.Thread(target=reader) for _ in range(NR)]
ts += [threading.Thread(target=raiser) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not errors, errors[:5]
print("ok exc_shared_fields")
