# Tracebacks edited through tb_next and made with TracebackType print as
# CPython prints them (excepthook and the uncaught report).
import sys
def f():
    raise KeyError("deep")
def g():
    f()
try:
    g()
except KeyError as e:
    e.__traceback__.tb_next.tb_next = None
    err = e
try:
    raise err
except KeyError as e:
    sys.excepthook(type(e), e, e.__traceback__)
TB = type(err.__traceback__)
t = TB(None, sys._getframe(), 0, 2)
raise ValueError("made").with_traceback(t)
