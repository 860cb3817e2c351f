# The builtins aiter() and anext() (with and without a default).


class Tick:
    def __await__(self):
        yield "tick"


def run(coro):
    try:
        r = coro.send(None)
        while True:
            print("  yielded", r)
            r = coro.send(None)
    except StopIteration as e:
        return e.value


async def agen():
    yield 1
    await Tick()
    yield 2


class Manual:
    def __init__(self):
        self.n = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return self.n


class Ready:
    def __await__(self):
        return iter([])


class AnextPlain:
    """__anext__ returning a plain awaitable object."""

    def __init__(self, suspend):
        self.suspend = suspend

    def __aiter__(self):
        return self

    def __anext__(self):
        return Tick() if self.suspend else Ready()


async def main():
    g = agen()
    print(aiter(g) is g)
    print(await anext(g))
    print(await anext(g))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    print(await anext(g, "default"))
    m = aiter(Manual())
    print(await anext(m), await anext(m, "d"), await anext(m, "d"), await anext(m, "d2"))
    h = agen()
    print(await anext(h, "x"), await anext(h, "x"), await anext(h, "x"))
    # (with a default, an awaitable that suspends would restart on every
    # resumption in CPython 3.11, so only a ready one is used here)
    print(await anext(AnextPlain(False), "unused"))
    print(await anext(AnextPlain(True)))


run(main())

# types of the awaitables
g = agen()
a = anext(g)
print(type(a).__name__)
a.close()
a = anext(g, 0)
print(type(a).__name__, a.__await__() is a, iter(a) is a)
try:
    a.send(None)
except StopIteration as e:
    print("value", e.value)

# errors
for args in [(1,), ([],), (Manual, )]:
    try:
        aiter(*args)
    except TypeError as e:
        print(type(e).__name__, e)


class BadAiter:
    def __aiter__(self):
        return 1


try:
    aiter(BadAiter())
except TypeError as e:
    print(type(e).__name__, e)
for args in [(1,), ([], 2), (Manual(), 1, 2), ()]:
    try:
        anext(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    aiter()
except TypeError as e:
    print(type(e).__name__, e)

# anext with a default over an __anext__ that returns a non-awaitable
class NotAwaitable:
    def __anext__(self):
        return 5


a = anext(NotAwaitable(), 1)
try:
    a.send(None)
except TypeError as e:
    print(type(e).__name__, e)

# throw/close through anext_awaitable
async def catching():
    try:
        yield 1
    except ValueError:
        yield "caught"


g = catching()
run(anext(g))
a = anext(g, "d")
try:
    print(a.throw(ValueError))
except StopIteration as e:
    print("throw ->", e.value)
