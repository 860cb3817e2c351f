# Traceback objects: tb_frame, tb_lineno, tb_lasti, tb_next (writable),
# types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno), and
# co_positions() indexed by tb_lasti // 2 as traceback.py does.
import sys


def level3(v):
    return 10 // v


def level2(v):
    w = v
    return level3(w)


def level1():
    return level2(0)


try:
    level1()
except ZeroDivisionError as e:
    err = e

tb = err.__traceback__
TB = type(tb)
print(TB.__name__)
print("first is here", tb.tb_frame is sys._getframe())
chain = []
t = tb
while t is not None:
    f = t.tb_frame
    chain.append((f.f_code.co_name, t.tb_lineno))
    t = t.tb_next
print(chain)

# the frames outlive their calls and keep their locals
t2 = tb.tb_next.tb_next
print("level2 locals", t2.tb_frame.f_locals)
print("level2 f_lineno", t2.tb_frame.f_lineno, t2.tb_lineno)
print("level3 back is level2", tb.tb_next.tb_next.tb_next.tb_frame.f_back is t2.tb_frame)
print("level1 back is module", tb.tb_next.tb_frame.f_back is sys._getframe())

# tb_lasti lines up with co_positions() the way traceback.py reads it
t = tb
while t is not None:
    co = t.tb_frame.f_code
    pos = list(co.co_positions())
    line = pos[t.tb_lasti // 2][0]
    print("position", co.co_name, line == t.tb_lineno, t.tb_lasti % 2)
    t = t.tb_next


def show(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


# writable tb_next
last = tb.tb_next.tb_next.tb_next
show("set int", lambda: setattr(tb, "tb_next", 5))
show("loop", lambda: setattr(last, "tb_next", tb))
show("self loop", lambda: setattr(tb, "tb_next", tb))
show("delete", lambda: delattr(tb, "tb_next"))
saved = tb.tb_next
tb.tb_next = None
print("cut", tb.tb_next)
tb.tb_next = saved.tb_next
print("skip", tb.tb_next.tb_frame.f_code.co_name)
for attr in ("tb_lineno", "tb_frame", "tb_lasti"):
    try:
        setattr(tb, attr, 3)
    except AttributeError as e:
        print("readonly", attr, type(e).__name__)

# constructing tracebacks
here = sys._getframe()
n = TB(None, here, 6, 77)
print("made", n.tb_lineno, n.tb_lasti, n.tb_next, n.tb_frame is here)
m = TB(tb_next=n, tb_frame=here, tb_lasti=0, tb_lineno=5)
print("kw", m.tb_next is n, m.tb_lineno)
show("bad next", lambda: TB(1, here, 1, 2))
show("bad frame", lambda: TB(None, 1, 1, 2))
show("bad lasti", lambda: TB(None, here, "a", 2))
show("bad lineno", lambda: TB(None, here, 1, 2.5))
show("missing", lambda: TB(None))
show("none", lambda: TB())

# a made traceback can be attached and raised
try:
    raise ValueError("v").with_traceback(n)
except ValueError as e:
    t = e.__traceback__
    print("raised", t.tb_lineno, t.tb_next is n, t.tb_next.tb_lineno)

# a generator's frame in a traceback
def gen():
    yield 1
    raise KeyError("k")


g = gen()
next(g)
try:
    next(g)
except KeyError as e:
    t = e.__traceback__.tb_next
    print("gen frame", t.tb_frame.f_code.co_name, t.tb_lineno, g.gi_frame)

# nested handlers: each traceback keeps its own frames
def fail(n):
    if n:
        raise IndexError(n)
    return fail(n + 1)


for i in range(3):
    try:
        fail(0)
    except IndexError as e:
        t = e.__traceback__
        names = []
        while t:
            names.append(t.tb_frame.f_code.co_name)
            t = t.tb_next
        print(i, names)
