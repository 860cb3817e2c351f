# The __await__ protocol, its errors, coroutine_wrapper, generator-based coroutines.


def run(coro, values=()):
    it = iter(values)
    try:
        r = coro.send(None)
        while True:
            print("  yielded", r)
            r = coro.send(next(it, None))
    except StopIteration as e:
        return e.value


class Good:
    def __await__(self):
        v = yield "good"
        return ("good", v)


class NotIter:
    def __await__(self):
        return 1


class ListIter:
    def __await__(self):
        return iter([1, 2])


async def simple():
    return "simple"


returned = simple()


class ReturnsCoro:
    def __await__(self):
        return returned


async def await_it(x):
    return await x


print(run(await_it(Good()), ["sent"]))
print(run(await_it(ListIter())))
for bad in [1, "s", None, NotIter(), ReturnsCoro(), [1]]:
    c = await_it(bad)
    try:
        run(c)
    except TypeError as e:
        print(type(e).__name__, e)
returned.close()

# awaiting an already-finished coroutine
inner = simple()
print(run(await_it(inner)))
try:
    run(await_it(inner))
except RuntimeError as e:
    print(type(e).__name__, e)

# awaiting a coroutine that is being awaited elsewhere
async def suspended():
    await Good()
    return "s"

shared = suspended()
c1 = await_it(shared)
print(c1.send(None))
c2 = await_it(shared)
try:
    c2.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
print(c1.cr_await is shared, type(shared.cr_await).__name__)
try:
    c1.send(1)
except StopIteration as e:
    print("c1 done", e.value)

# coroutine_wrapper from __await__
c = suspended()
w = c.__await__()
print(type(w).__name__, iter(w) is w)
print(next(w))
try:
    next(w)
except StopIteration as e:
    print("wrapper done", e.value)
c = suspended()
w = c.__await__()
print(w.send(None))
try:
    w.throw(ValueError("via wrapper"))
except ValueError as e:
    print(type(e).__name__, e)
c = suspended()
w = c.__await__()
w.send(None)
print(w.close(), c.cr_suspended)

# yield from a coroutine object in a plain generator
def plain(x):
    yield from x

x = simple()
g = plain(x)
try:
    next(g)
except TypeError as e:
    print(type(e).__name__, e)
x.close()

# generator-based coroutines: what types.coroutine does
def gen_coro():
    v = yield "from gen"
    return v * 2

print(gen_coro.__code__.co_flags & 0x1a0)
gen_coro.__code__ = gen_coro.__code__.replace(co_flags=gen_coro.__code__.co_flags | 0x100)
print(gen_coro.__code__.co_flags & 0x1a0)
print(run(await_it(gen_coro()), [21]))

# a generator-based coroutine may yield from a coroutine
def gen_delegating():
    r = yield from simple()
    return r + "!"

gen_delegating.__code__ = gen_delegating.__code__.replace(
    co_flags=gen_delegating.__code__.co_flags | 0x100)
print(run(await_it(gen_delegating())))
print(list(gen_delegating()))

# an ordinary generator cannot be awaited
def ordinary():
    yield 1

try:
    run(await_it(ordinary()))
except TypeError as e:
    print(type(e).__name__, e)

# __await__ looked up on the type, not the instance
class Inst:
    pass

i = Inst()
i.__await__ = lambda: iter([])
try:
    run(await_it(i))
except TypeError as e:
    print(type(e).__name__, e)

# an exception from __await__ propagates
class Raises:
    def __await__(self):
        raise KeyError("in __await__")

try:
    run(await_it(Raises()))
except KeyError as e:
    print(type(e).__name__, e)

# await the value returned from a plain iterator's StopIteration
class Counter:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration(self.n)
        return self.n


class AwaitCounter:
    def __await__(self):
        return Counter()

print(run(await_it(AwaitCounter())))
