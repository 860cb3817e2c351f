# Coroutine objects driven by hand: send/throw/close, attributes, states.
import sys


class Fut:
    """A minimal awaitable: yields itself, returns what is sent in."""

    def __init__(self, name):
        self.name = name

    def __await__(self):
        v = yield self
        return v


def run(coro, values=()):
    """Trampoline: resume coro with each value until it returns."""
    it = iter(values)
    try:
        r = coro.send(None)
        while True:
            print("  suspended at", r.name if isinstance(r, Fut) else r)
            r = coro.send(next(it, None))
    except StopIteration as e:
        return e.value


async def add(a, b):
    return a + b


async def main():
    x = await add(1, 2)
    y = await Fut("f1")
    z = await Fut("f2")
    return x, y, z


print("result", run(main(), [10, 20]))

c = main()
print(type(c).__name__, type(c).__qualname__)
print(c.__name__, c.__qualname__, c.cr_code.co_name)
print("running", c.cr_running, "suspended", c.cr_suspended, "await", c.cr_await)
r = c.send(None)
print("after send", r.name, c.cr_running, c.cr_suspended, type(c.cr_await).__name__)
r = c.send(5)
print("after send", r.name, type(c.cr_await).__name__)
try:
    c.send(6)
except StopIteration as e:
    print("StopIteration", e.value)
print("finished", c.cr_running, c.cr_suspended, c.cr_await)
for meth in (lambda: c.send(None), lambda: c.throw(ValueError)):
    try:
        meth()
    except RuntimeError as e:
        print(type(e).__name__, e)
print("close after end", c.close())

# a coroutine is not iterable and has no __next__
c = add(1, 2)
try:
    iter(c)
except TypeError as e:
    print(type(e).__name__, e)
c.close()
c = add(1, 2)
print(hasattr(c, "__next__"), hasattr(c, "__iter__"), hasattr(c, "__await__"))
c.close()

# send a non-None value to a just-started coroutine
c = add(1, 2)
try:
    c.send(1)
except TypeError as e:
    print(type(e).__name__, e)
c.close()

# flags of the code object
async def agen():
    yield 1

def gen():
    yield 1

print(add.__code__.co_flags & 0x80, agen.__code__.co_flags & 0x200, gen.__code__.co_flags & 0x20)
print(add.__code__.co_flags & 0x20, agen.__code__.co_flags & 0x20)

# qualname and name can be changed
async def outer():
    async def inner():
        return 1
    return inner()

c = run(outer())
print(c.__qualname__)
c.__name__ = "renamed"
print(c.__name__)
try:
    c.__name__ = 3
except TypeError as e:
    print(type(e).__name__, e)
print(run(c))

# a coroutine returning without await
async def noawait():
    return "plain"

print(run(noawait()))

# nested awaits and arguments
async def fact(n):
    if n <= 1:
        return 1
    return n * await fact(n - 1)

print(run(fact(10)))

# default arguments, *args, **kwargs
async def kw(a, b=2, *args, c, **kw):
    return a, b, args, c, sorted(kw.items())

print(run(kw(1, c=3)))
print(run(kw(1, 5, 6, 7, c=3, d=4)))

# await inside expressions
async def expr():
    return [await add(i, i) for i in range(3)], (await add(1, 1)) ** 2, -await add(2, 3)

print(run(expr()))
