# Cycles through exceptions, tracebacks and frame objects are collected.
import gc, weakref, sys, functools, collections, operator, itertools, types
gc.disable()
gc.collect()

class Obj:
    pass

def check(label, make):
    w = make()
    gc.collect()
    print(label, w() is None)

# exception with traceback whose frame holds the exception
def exc_tb():
    o = Obj()
    try:
        raise ValueError("x")
    except ValueError as e:
        o.e = e
    o.me = None
    return weakref.ref(o)

def exc_tb2():
    o = Obj()
    def inner():
        raise KeyError(1)
    try:
        inner()
    except KeyError as e:
        err = e        # frame local -> exception -> traceback -> frame
        o.tb = e.__traceback__
    return weakref.ref(o)

check("exception traceback freed", exc_tb)
check("traceback frame freed", exc_tb2)

def frame_cycle():
    o = Obj()
    o.f = sys._getframe()
    return weakref.ref(o)

check("frame object freed", frame_cycle)

def frame_locals_cycle():
    o = Obj()
    f = sys._getframe()
    d = f.f_locals
    o.d = d
    return weakref.ref(o)

check("f_locals freed", frame_locals_cycle)

print("done", gc.collect())
