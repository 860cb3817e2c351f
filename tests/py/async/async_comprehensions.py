# Async comprehensions: list/set/dict/genexp with async for and await.


class Tick:
    def __await__(self):
        yield "tick"


def run(coro):
    try:
        r = coro.send(None)
        while True:
            r = coro.send(None)
    except StopIteration as e:
        return e.value


async def agen(n):
    for i in range(n):
        await Tick()
        yield i


async def double(x):
    await Tick()
    return 2 * x


async def comps():
    l = [x async for x in agen(4)]
    s = {x % 2 async for x in agen(4)}
    d = {x: x * x async for x in agen(3)}
    filtered = [x async for x in agen(10) if x % 3 == 0 if x]
    awaited = [await double(x) for x in range(3)]
    both = [await double(x) async for x in agen(3)]
    nested = [(x, y) async for x in agen(2) for y in range(2)]
    nested2 = [(x, y) for x in range(2) async for y in agen(2)]
    inner = [[y async for y in agen(x)] for x in range(3)]
    from_await = [x for x in await double(1) * [7]]
    return l, sorted(s), d, filtered, awaited, both, nested, nested2, inner, from_await


for item in run(comps()):
    print(item)


# async generator expressions
async def genexps():
    g = (x * 10 async for x in agen(3))
    print(type(g).__name__)
    out = [v async for v in g]
    h = (await double(x) for x in range(3))
    print(type(h).__name__)
    out2 = [v async for v in h]
    return out, out2


print(run(genexps()))


# an async genexp in a plain function is allowed; it is an async generator
def plain():
    return (x async for x in agen(2))


g = plain()
print(type(g).__name__, g.__name__)


async def consume(g):
    return [x async for x in g]


print(run(consume(g)))


# comprehension variables do not leak; the outer iterable is evaluated first
async def scope():
    x = "outer"
    r = [x async for x in agen(2)]
    return x, r


print(run(scope()))


# errors inside async comprehensions
async def errs():
    try:
        [x async for x in 5]
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        [await x for x in [1]]
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        [1 / x async for x in agen(2)]
    except ZeroDivisionError as e:
        print(type(e).__name__, e)


run(errs())


# the comprehension code objects are coroutines / async generators
async def flags():
    return [x async for x in agen(1)]


consts = [c for c in flags.__code__.co_consts if hasattr(c, "co_flags")]
print([(c.co_name, c.co_flags & 0x3a0) for c in consts])
