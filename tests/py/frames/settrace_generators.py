# Generators, yield from, throw/close and coroutines under sys.settrace
# (including the StopIteration event CPython reports when an await ends).
import sys

out = []

def tracer(frame, event, arg):
    if frame.f_code.co_filename != __file__:
        return None
    a = arg
    if event == 'exception':
        a = arg[0].__name__
    elif event == 'return' and not isinstance(arg, (int, str, type(None))):
        a = type(arg).__name__
    out.append("%s %s %d %r" % (event, frame.f_code.co_name, frame.f_lineno, a))
    return tracer

def inner():
    x = yield 1
    yield x

def outer():
    r = yield from inner()
    return r

def catcher():
    try:
        yield 1
    except KeyError:
        yield 'caught'

async def coro(v):
    return v + 1

async def main():
    a = await coro(1)
    return a

sys.settrace(tracer)
g = outer()
next(g)
g.send(5)
try:
    next(g)
except StopIteration as e:
    pass
c = catcher()
next(c)
c.throw(KeyError)
c.close()
m = main()
try:
    m.send(None)
except StopIteration as e:
    print('result', e.value)
sys.settrace(None)
print("\n".join(out))
