# Generator frames: gi_frame, gi_code, gi_running, f_back while suspended
# and running, f_locals of a suspended generator, the frame after the end.
import sys


def counter(n):
    i = 0
    while i < n:
        me = sys._getframe()
        yield (me.f_back.f_code.co_name, gen_running())
        i += 1
    return "done"


def gen_running():
    return g.gi_running


g = counter(2)
print("code", g.gi_code is counter.__code__, g.gi_code.co_name)
fr = g.gi_frame
print("created", type(fr).__name__, fr.f_code is counter.__code__, fr.f_back)
print("created lineno", fr.f_lineno == counter.__code__.co_firstlineno)
print("created locals", fr.f_locals)
print("running", g.gi_running)


def driver():
    return next(g)


print(driver())
print("same frame", g.gi_frame is fr)
print("suspended back", fr.f_back)
print("suspended locals", sorted(k for k in fr.f_locals if k != "me"), fr.f_locals["i"])
print("suspended line", fr.f_lineno)
print(next(g))
print("after 2", fr.f_locals["i"])
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print("finished", g.gi_frame, g.gi_running)
print("kept frame", fr.f_locals["i"], fr.f_lineno)

# a generator that was never started, then closed
def idle():
    x = yield 1


h = idle()
hf = h.gi_frame
h.close()
print("closed", h.gi_frame, hf.f_code.co_name)

# frame.clear() on a suspended generator closes it
def cleaned():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")


c = cleaned()
next(c)
print("clear", c.gi_frame.clear())
print("after clear", c.gi_frame, list(c))

# generator expressions
ge = (x * 2 for x in range(3))
print("genexpr", ge.gi_code.co_name, ge.gi_frame.f_code.co_name)
print(list(ge), ge.gi_frame)

# yield from: the inner generator's frame links to the outer one
def inner():
    yield sys._getframe().f_back.f_code.co_name


def outer():
    yield from inner()


print(list(outer()))
