# sys._getframe and frame objects: f_back, f_code, f_globals, f_builtins,
# f_locals (3.11 snapshot semantics), f_lineno, f_lasti, f_trace, clear().
import sys


def show(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


def inner(a, b=2):
    x = a + b
    fr = sys._getframe()
    print("name", fr.f_code.co_name, fr.f_back.f_code.co_name)
    print("same object", fr is sys._getframe(), fr.f_back is sys._getframe(1))
    print("globals", fr.f_globals is globals(), type(fr.f_builtins).__name__)
    print("has len", "len" in fr.f_builtins)
    loc = fr.f_locals
    print("locals", sorted(k for k in loc if k != "fr"), loc["x"])
    y = 10
    x = 7
    loc2 = fr.f_locals
    print("refreshed", loc2 is loc, loc2["x"], loc2["y"])
    del x
    print("deleted", "x" in fr.f_locals)
    return fr


def outer():
    return inner(1)


fr = outer()
print("after return", sorted(k for k in fr.f_locals if k != "fr"), fr.f_locals["y"])
print("back name", fr.f_back.f_code.co_name, fr.f_back.f_back is sys._getframe())
print("lasti int", type(fr.f_lasti).__name__, fr.f_lasti >= 0, fr.f_lasti % 2)

# the line of a frame that called us
def where():
    return sys._getframe(1).f_lineno


print("line", where())
print("line", where())

# module and class frames: f_locals is the namespace itself
print("module locals", sys._getframe().f_locals is globals())
print("module back", sys._getframe().f_back)


class K:
    a = 1
    ns = sys._getframe().f_locals
    ns["b"] = 2


print("class ns", sorted(k for k in K.ns if not k.startswith("__")), K.b)

# depth errors
show("too deep", lambda: sys._getframe(1000))
show("bad type", lambda: sys._getframe("1"))
show("float", lambda: sys._getframe(1.0))
show("negative", lambda: sys._getframe(-3).f_code.co_name)
show("two args", lambda: sys._getframe(1, 2))
show("kw", lambda: sys._getframe(depth=1))

# f_trace is stored
f = sys._getframe()
print("trace", f.f_trace)
f.f_trace = print
print("trace set", f.f_trace is print)
f.f_trace = None
print("trace none", f.f_trace)
print("trace_lines", f.f_trace_lines, f.f_trace_opcodes)
f.f_trace_opcodes = True
print("trace_opcodes", f.f_trace_opcodes)
try:
    f.f_trace_lines = 1
except TypeError as e:
    print(type(e).__name__, e)
f.f_trace_opcodes = False

# clear()
show("clear running", lambda: sys._getframe().clear())
def running():
    sys._getframe().clear()
show("clear own", running)
def done():
    v = [1, 2]
    return sys._getframe()
d = done()
print("before clear", sorted(d.f_locals))
print("clear", d.clear())
print("after clear", d.f_locals)

# read-only attributes
for attr in ("f_back", "f_code", "f_lasti", "f_globals", "f_locals"):
    try:
        setattr(f, attr, 1)
    except AttributeError as e:
        print("readonly", attr, type(e).__name__)

# recursion: each level has its own frame
def depth(n):
    if n == 0:
        fr = sys._getframe()
        names = []
        while fr is not None:
            names.append(fr.f_code.co_name)
            fr = fr.f_back
        return names
    return depth(n - 1)


print(depth(4))
