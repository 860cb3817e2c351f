# cr_frame / ag_frame / gi_frame, cr_await / gi_yieldfrom, cr_origin with
# sys.set_coroutine_origin_tracking_depth, and the "never awaited" warning.
import os
import sys
import warnings


class Wait:
    def __await__(self):
        yield "w"
        return 5


async def inner():
    v = await Wait()
    return v + 1


async def outer():
    x = await inner()
    return x * 2


co = outer()
fr = co.cr_frame
print(type(fr).__name__, fr.f_code.co_name, fr.f_lineno == outer.__code__.co_firstlineno)
print(co.cr_await, co.cr_running, co.cr_suspended)
print(co.send(None))
print(co.cr_frame is fr, fr.f_lineno - outer.__code__.co_firstlineno)
aw = co.cr_await
print(type(aw).__name__, aw.cr_frame.f_code.co_name, type(aw.cr_await).__name__)
try:
    co.send(None)
except StopIteration as e:
    print("stop", e.value)
print(co.cr_frame, co.cr_await)


def gen():
    yield 1
    yield from range(3)


g = gen()
print(g.gi_yieldfrom)
next(g)
print(g.gi_yieldfrom)
next(g)
print(type(g.gi_yieldfrom).__name__, g.gi_frame.f_lineno - gen.__code__.co_firstlineno)
list(g)
print(g.gi_frame, g.gi_yieldfrom)


async def agen():
    yield 1


a = agen()
print(type(a.ag_frame).__name__, a.ag_frame.f_code.co_name, a.ag_await)
try:
    a.asend(None).send(None)
except StopIteration as e:
    print("ag yielded", e.value)
a.aclose().send(None) if False else None

# cr_origin
print(sys.get_coroutine_origin_tracking_depth())
print(outer().cr_origin if False else None)
c0 = outer()
print(c0.cr_origin)
c0.close()


def make(depth):
    sys.set_coroutine_origin_tracking_depth(depth)
    try:
        return outer()
    finally:
        sys.set_coroutine_origin_tracking_depth(0)


def caller(depth):
    return make(depth)


for d in (1, 2, 3):
    c = caller(d)
    print(d, [(os.path.basename(f), l - make.__code__.co_firstlineno, n) for f, l, n in c.cr_origin[:2]],
          len(c.cr_origin))
    c.close()
print(sys.get_coroutine_origin_tracking_depth())
for bad in (-1, "x", 1.5):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    sys.set_coroutine_origin_tracking_depth()
except TypeError as e:
    print(type(e).__name__)
sys.set_coroutine_origin_tracking_depth(depth=0)


# never awaited
def drop():
    outer()


def show(ws):
    for w in ws:
        print(w.category.__name__, str(w.message).splitlines()[0], os.path.basename(w.filename),
              w.lineno - drop.__code__.co_firstlineno)


with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter("always")
    drop()
    show(ws)
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter("always")
    c = outer()
    c.close()
    del c
    c = outer()
    try:
        c.send(None)
    except BaseException:
        pass
    del c
    print("closed or started:", len(ws))
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter("always")
    sys.set_coroutine_origin_tracking_depth(2)
    drop()
    sys.set_coroutine_origin_tracking_depth(0)
    for w in ws:
        lines = str(w.message).splitlines()
        print(lines[0])
        print(lines[1])
        print(len(lines))
print("done")
