# Async methods, super(), static/class methods, decorators, f-strings, walrus, reprs.
class Tick:
    def __await__(self):
        yield "t"
        return 3
async def three():
    return await Tick()
class Base:
    async def m(self):
        return "base"
class D(Base):
    async def m(self):
        return "derived+" + await super().m()
    @staticmethod
    async def s():
        return f"{await three()}!{await three() ** 2}"
    @classmethod
    async def c(cls):
        return cls.__name__, -await three()
def deco(f):
    async def w(*a):
        return ("deco", await f(*a))
    return w
@deco
async def decorated(x):
    return x
def run(c):
    try:
        while True: c.send(None)
    except StopIteration as e:
        return e.value
print(run(D().m()), run(D.s()), run(D.c()), run(decorated(5)))
print(decorated.__qualname__, D.m.__qualname__)
async def lam():
    fs = [lambda: i for i in range(2)]
    x = [await three() for _ in fs]
    g = (await three() for _ in range(2))
    return x, [y async for y in g]
print(run(lam()))
async def walrus():
    if (n := await three()) > 2:
        return n
print(run(walrus()))
async def nested_defs():
    async def inner(a):
        return a + await three()
    return await inner(1)
print(run(nested_defs()))
import sys
async def exc_info():
    try:
        raise ValueError
    except ValueError:
        await Tick()
        return sys.exc_info()[0].__name__
print(run(exc_info()))
c = three()
print(repr(c).split(" at ")[0])
c.close()
async def ag(): yield
print(repr(ag()).split(" at ")[0])
