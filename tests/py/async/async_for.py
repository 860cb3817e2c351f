# async for: the __aiter__/__anext__ protocol, else, break/continue, errors.


def run(coro):
    try:
        r = coro.send(None)
        while True:
            print("  yielded", r)
            r = coro.send(None)
    except StopIteration as e:
        return e.value


class Tick:
    def __await__(self):
        yield "tick"


class ARange:
    def __init__(self, n, suspend=False):
        self.n, self.i, self.suspend = n, 0, suspend

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.suspend:
            await Tick()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i - 1


async def collect(it):
    out = []
    async for x in it:
        out.append(x)
    return out


print(run(collect(ARange(3))))
print(run(collect(ARange(2, suspend=True))))


async def loops():
    out = []
    async for i in ARange(10):
        if i % 2:
            continue
        if i > 6:
            break
        out.append(i)
    else:
        out.append("no else")
    async for i in ARange(2):
        out.append(i)
    else:
        out.append("else")
    async for a, b in Pairs():
        out.append(a + b)
    return out, i


class Pairs:
    def __init__(self):
        self.items = [(1, 2), (3, 4)]

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.items:
            raise StopAsyncIteration
        return self.items.pop(0)


print(run(loops()))


# the loop variable keeps its last value; an empty loop leaves it unbound
async def lastvalue():
    async for v in ARange(3):
        pass
    print("last", v)
    async for w in ARange(0):
        pass
    try:
        print(w)
    except UnboundLocalError as e:
        print(type(e).__name__, e)


run(lastvalue())


# targets: attributes, subscripts, starred
class Obj:
    pass


async def targets():
    o = Obj()
    d = {}
    async for o.attr in ARange(2):
        pass
    async for d["k"] in ARange(3):
        pass
    async for first, *rest in Pairs():
        print(first, rest)
    return o.attr, d


print(run(targets()))


# errors of the protocol
class NoAnext:
    def __aiter__(self):
        return self


class AnextNotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


class AiterRaises:
    def __aiter__(self):
        raise ValueError("from __aiter__")


class AnextRaises:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise KeyError("from __anext__")


for bad in [1, [1, 2], NoAnext(), AnextNotAwaitable(), AiterRaises(), AnextRaises()]:
    try:
        run(collect(bad))
    except Exception as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)


# an iterator (with __aiter__ only on the instance) is not accepted
class Inst:
    pass


i = Inst()
i.__aiter__ = lambda: ARange(1)
try:
    run(collect(i))
except TypeError as e:
    print(type(e).__name__, e)


# StopAsyncIteration subclass ends the loop too
class MyStop(StopAsyncIteration):
    pass


class Sub:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise MyStop


print(run(collect(Sub())))


# exceptions from the body propagate, with return inside the loop
async def body_raises():
    async for i in ARange(5):
        if i == 2:
            raise IndexError(i)


try:
    run(body_raises())
except IndexError as e:
    print(type(e).__name__, e)


async def body_returns():
    async for i in ARange(5):
        if i == 3:
            return "returned", i


print(run(body_returns()))


# nested async for with try/finally
async def nested():
    out = []
    async for i in ARange(3):
        try:
            async for j in ARange(3):
                if j == 1:
                    break
                out.append((i, j))
        finally:
            out.append("f%d" % i)
    return out


print(run(nested()))
