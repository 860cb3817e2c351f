# The errors of frame.f_lineno = n, in CPython 3.11's order: delete, not
# an exact int, the trace event being handled, the range of the code block.
import sys


def f():
    fr = sys._getframe()
    for v in (None, 1.0, "3", True, 2**70, 0, fr.f_lineno):
        try:
            if v is None:
                del fr.f_lineno
            else:
                fr.f_lineno = v
            print("ok", v)
        except Exception as e:
            print(type(e).__name__, e)


f()


def g():
    x = 1
    try:
        1 / 0
    except ZeroDivisionError:
        pass
    return x


first = g.__code__.co_firstlineno
seen = set()


def tr(frame, event, arg):
    if frame.f_code is g.__code__:
        frame.f_trace_opcodes = True
        if frame.f_lineno is None or (event, frame.f_lineno) in seen:
            return tr
        seen.add((event, frame.f_lineno))
        for v in (1, first + 100, 1.5, frame.f_lineno):
            try:
                frame.f_lineno = v
                print(event, frame.f_lineno - first, "ok")
            except Exception as e:
                print(event, frame.f_lineno - first, type(e).__name__, str(e).replace(str(first + 100), "N"))
    return tr


sys.settrace(tr)
print(g())
sys.settrace(None)


# A jump that fails inside the trace function: the error replaces the
# traced code's work and tracing is switched off.
def h(out):
    out.append(1)
    out.append(2)


def tr2(frame, event, arg):
    if frame.f_code is h.__code__ and event == "line":
        frame.f_lineno = 10 ** 6
    return tr2


out = []
sys.settrace(tr2)
try:
    h(out)
except ValueError as e:
    print("raised", str(e).replace(str(10 ** 6), "N"), out, sys.gettrace())
sys.settrace(None)


# Another thread's frame: never settable from here.
import threading

ready = threading.Event()
release = threading.Event()


def worker():
    ready.set()
    release.wait()


t = threading.Thread(target=worker)
t.start()
ready.wait()
fr = sys._current_frames()[t.ident]
while fr is not None and fr.f_code is not worker.__code__:
    fr = fr.f_back
try:
    fr.f_lineno = fr.f_lineno
except ValueError as e:
    print("other thread:", e)
release.set()
t.join()
