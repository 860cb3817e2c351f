# _tracemalloc / tracemalloc: the API's results and errors.  Sizes differ
# between implementations, so only relations between them are printed.
import sys
import tracemalloc
import _tracemalloc

MB = 1024 * 1024


def show(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print(f.__name__, args, kw, "->", r)
    except Exception as e:
        print(f.__name__, args, kw, "->", type(e).__name__, e)


print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
print(_tracemalloc._get_traces(), _tracemalloc._get_object_traceback([]))
print(tracemalloc.get_object_traceback(object()))
tracemalloc.clear_traces()
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory())
print(type(tracemalloc.get_tracemalloc_memory()).__name__)
try:
    tracemalloc.take_snapshot()
except Exception as e:
    print(type(e).__name__, e)

# start()'s argument
for args in [(0,), (-1,), (65536,), (2 ** 70,), (2.5,), ("3",), (None,), (1, 2)]:
    show(_tracemalloc.start, *args)
    print(" tracing:", tracemalloc.is_tracing())
show(_tracemalloc.start, nframe=3)
show(_tracemalloc.stop, 1)
show(_tracemalloc.is_tracing, 1)
show(_tracemalloc.get_traced_memory, x=1)
show(_tracemalloc._get_object_traceback)
for n in (1, 7, 65535):
    tracemalloc.start(n)
    print("limit", n, tracemalloc.get_traceback_limit(), tracemalloc.is_tracing())
    tracemalloc.start(2)  # already tracing: the limit stays
    print(" again", tracemalloc.get_traceback_limit())
    tracemalloc.stop()
    print(" after stop", tracemalloc.get_traceback_limit(), tracemalloc.is_tracing())

# a 1 MB object is reported on its line with at least its size
tracemalloc.start()
size = MB
data = b"x" * size
tb = tracemalloc.get_object_traceback(data)
print(len(tb), tb[0].filename == __file__, tb[0].lineno)
cur, peak = tracemalloc.get_traced_memory()
print("current >= 1 MB:", cur >= MB, "peak >= current:", peak >= cur)
snap = tracemalloc.take_snapshot()
stats = snap.statistics("lineno")
top = stats[0]
print("top line:", top.traceback[0].lineno, top.size >= MB, top.count >= 1)
del data
cur2, peak2 = tracemalloc.get_traced_memory()
print("freed:", cur2 < MB, "peak kept:", peak2 >= MB)
tracemalloc.reset_peak()
print("peak reset:", tracemalloc.get_traced_memory()[1] < MB)
tracemalloc.clear_traces()
print("cleared:", tracemalloc.get_traced_memory()[0] < MB, tracemalloc.is_tracing())
tracemalloc.stop()
print("stopped:", tracemalloc.get_traced_memory(), tracemalloc.is_tracing())
print(_tracemalloc._get_traces())


# tracebacks of several frames, most recent call last in tracemalloc.Traceback
def inner(n):
    return bytearray(n) and [bytes(n)]


def middle(n):
    return inner(n)


def outer(n):
    return middle(n)


tracemalloc.start(10)
line0 = sys._getframe().f_lineno
objs = outer(MB)
blk = objs[0]
tb = tracemalloc.get_object_traceback(blk)
print("frames:", len(tb), "total_nframe:", tb.total_nframe is None or tb.total_nframe >= 4)
names = [(fr.lineno) for fr in tb]
print("lines:", names[-4:], "(call at", line0 + 1, ")")
print(tb.format(limit=2, most_recent_first=True)[0].strip().replace(__file__, "FILE"))
tracemalloc.stop()

tracemalloc.start(2)
objs = outer(MB)
tb = tracemalloc.get_object_traceback(objs[0])
print("limited:", len(tb), [fr.lineno for fr in tb])
tracemalloc.stop()

# lists made in a loop: statistics group them by line
tracemalloc.start()
keep = []
for i in range(200):
    keep.append(bytes(1000))
snap = tracemalloc.take_snapshot().filter_traces(
    [tracemalloc.Filter(True, __file__)])
by_line = {s.traceback[0].lineno: s for s in snap.statistics("lineno")}
line = sys._getframe().f_lineno - 4
print("loop line:", line in by_line, by_line[line].count >= 200, by_line[line].size >= 200000)
first = tracemalloc.take_snapshot()
keep2 = [bytes(5000) for i in range(10)]; line2 = sys._getframe().f_lineno
second = tracemalloc.take_snapshot()
diff = second.compare_to(first, "lineno")
d = [s for s in diff if s.traceback[0].filename == __file__ and s.size_diff >= 50000]
print("diff:", len(d) == 1, d[0].traceback[0].lineno == line2)
tracemalloc.stop()
print("done", tracemalloc.is_tracing())
