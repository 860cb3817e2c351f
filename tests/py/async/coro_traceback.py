# An uncaught exception raised three awaits deep: the traceback shows every
# coroutine frame with CPython 3.11's position markers.


class Tick:
    def __await__(self):
        yield "tick"


async def leaf(x):
    await Tick()
    return {"k": 1}[x] + 1


async def mid(x):
    value = 2 * await leaf(x)
    return value


class CM:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        print("exit sees", exc[0].__name__)


async def top():
    async with CM():
        async for _ in Gen():
            print("got", await mid("k"))
            await mid("missing")


class Gen:
    def __init__(self):
        self.n = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        self.n += 1
        if self.n > 3:
            raise StopAsyncIteration
        return self.n


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


run(top())
