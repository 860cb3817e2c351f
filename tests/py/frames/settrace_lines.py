# Line events of common statement shapes (if/elif/else, while with
# break/continue/else, try/finally with return, with, closures, decorators,
# comprehensions, pass, class bodies), compared with CPython 3.11.
import sys

out = []

def tracer(frame, event, arg):
    if frame.f_code.co_filename != __file__:
        return None
    out.append("%s %s %d" % (event, frame.f_code.co_name, frame.f_lineno))
    return tracer

def branches(x):
    if x > 1:
        y = 1
    elif x < 0:
        y = 2
    else:
        y = 3
    while x > 0:
        x -= 1
        if x == 5:
            continue
        if x == 1:
            break
    else:
        y = 4
    return y

def finally_(n):
    try:
        if n:
            return 'early'
        r = 1
    finally:
        f = 2
    return r

class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False

def with_(v):
    with Ctx() as c:
        w = v
    return w

def outer():
    a = 1
    def inner(b):
        return a + b
    return inner(2)

def deco(fn):
    return fn

@deco
def decorated(x,
              y=2):
    return x + y

def comps(xs):
    s = {x for x in xs}
    d = {x: x for x in xs}
    g = sum(x for x in xs)
    return len(s) + len(d) + g

def nested_raise():
    def a():
        raise KeyError('k')
    def b():
        a()
    try:
        b()
    except KeyError:
        pass
    return 1

def empty():
    pass

def multi():
    x = 1; y = 2
    return x + y

sys.settrace(tracer)
branches(3)
branches(-1)
branches(7)
finally_(0)
finally_(1)
with_(5)
outer()
decorated(1)
comps([1, 2])
nested_raise()
empty()
multi()
class Body:
    a = 1
    b = 2
sys.settrace(None)
print("\n".join(out))
