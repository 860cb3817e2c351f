# Async generators: asend/athrow/aclose awaitables, attributes, errors.


class Tick:
    def __init__(self, what="tick"):
        self.what = what

    def __await__(self):
        v = yield self.what
        return v


def run(coro, values=()):
    it = iter(values)
    try:
        r = coro.send(None)
        while True:
            print("  yielded", r)
            r = coro.send(next(it, None))
    except StopIteration as e:
        return e.value


async def agen(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("agen got", got)
        await Tick("inside %d" % i)


g = agen(3)
print(type(g).__name__, g.__name__, g.__qualname__, g.ag_code.co_name)
print("running", g.ag_running, "await", g.ag_await)
print(g.__aiter__() is g)
a = g.__anext__()
print(type(a).__name__, a.__await__() is a, iter(a) is a)
try:
    a.send(None)
except StopIteration as e:
    print("first item", e.value, e.args)
print("running after item", g.ag_running)
a2 = g.asend("hello")
r = a2.send(None)  # resumes: prints "agen got", then suspends at the await
print("passed through", r, "running", g.ag_running, type(g.ag_await).__name__)
try:
    a2.send("to tick")
except StopIteration as e:
    print("second item", e.value)


# reuse of a finished awaitable
try:
    a.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    a.throw(ValueError)
except RuntimeError as e:
    print(type(e).__name__, e)


# drive the generator to its end
async def drain(g):
    out = []
    while True:
        try:
            out.append(await g.__anext__())
        except StopAsyncIteration:
            return out


print(run(drain(agen(2))))
print(run(drain(g)))
try:
    run(g.__anext__())
except StopAsyncIteration as e:
    print("exhausted", type(e).__name__)


# anext(): asynchronous generator is already running
async def slow():
    await Tick("slow")
    yield 1


g = slow()
a1 = g.__anext__()
print(a1.send(None))
a2 = g.__anext__()
try:
    a2.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    a1.send(None)
except StopIteration as e:
    print("a1 item", e.value)
# close() on an awaitable
a3 = g.__anext__()
print(a3.close())
try:
    a3.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)


# athrow
async def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("agen caught", e)
            yield "after catch"


g = catcher()
print(run(g.__anext__()))
print(run(g.athrow(ValueError("thrown"))))
print(run(g.__anext__()))
print(run(g.athrow(ValueError, ValueError("two"))))
print(run(g.__anext__()))
try:
    run(g.athrow(KeyError("uncaught")))
except KeyError as e:
    print(type(e).__name__, e)
try:
    run(g.__anext__())
except StopAsyncIteration as e:
    print(type(e).__name__)
g = catcher()
for args in [(), (1,), (ValueError(), 1)]:
    try:
        run(g.athrow(*args))
    except Exception as e:
        print(type(e).__name__, e)
g = catcher()
try:
    run(g.athrow(1, 2, 3, 4))
except TypeError as e:
    print(type(e).__name__, e)


# aclose runs finally blocks, even with awaits in them
async def with_finally():
    try:
        yield 1
        yield 2
    finally:
        await Tick("cleanup")
        print("finally done")


g = with_finally()
print(run(g.__anext__()))
print("aclose ->", run(g.aclose()))
print("aclose again ->", run(g.aclose()))
try:
    run(g.__anext__())
except StopAsyncIteration:
    print("closed generator: StopAsyncIteration")

# aclose of a generator that never started
g = with_finally()
print("aclose unstarted ->", run(g.aclose()))


# async generator ignored GeneratorExit
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


g = stubborn()
run(g.__anext__())
try:
    run(g.aclose())
except RuntimeError as e:
    print(type(e).__name__, e)


# reuse of aclose/athrow awaitables
g = with_finally()
run(g.__anext__())
c = g.aclose()
run(c)
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)


# return inside an async generator ends it
async def early():
    yield 1
    return
    yield 2


print(run(drain(early())))


# StopIteration / StopAsyncIteration raised inside
async def raises_si():
    yield 1
    raise StopIteration("x")


async def raises_sai():
    yield 1
    raise StopAsyncIteration("y")


for f in (raises_si, raises_sai):
    try:
        print(run(drain(f())))
    except RuntimeError as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)


# exception inside propagates out of the awaitable
async def broken():
    yield 1
    1 / 0


try:
    print(run(drain(broken())))
except ZeroDivisionError as e:
    print(type(e).__name__, e)


# asend with a value on a just-started generator
g = agen(2)
try:
    run(g.asend("early"))
except TypeError as e:
    print(type(e).__name__, e)


# async generator is not a plain iterator
try:
    iter(agen(1))
except TypeError as e:
    print(type(e).__name__, e)
try:
    next(agen(1))
except TypeError as e:
    print(type(e).__name__, e)

# yield inside async with / try in an async generator, consumed by async for
class CM:
    async def __aenter__(self):
        print("cm enter")

    async def __aexit__(self, *a):
        print("cm exit", a[0])


async def gen_cm():
    async with CM():
        yield "a"
        yield "b"


async def consume():
    out = []
    async for x in gen_cm():
        out.append(x)
    return out


print(run(consume()))
