# throw()'s third argument must be a traceback (or None), checked before the
# exception arguments, for generators, coroutines and async generators.  An
# unchecked one was stored as __traceback__ and crashed when printed
# (CPython's test_asyncio.test_futures.test_future_iter_throw).
import sys
import traceback


def gen():
    yield 1


async def coro():
    pass


async def agen():
    yield 1


def attempt(label, f, *args):
    try:
        f(*args)
    except BaseException as e:
        print(label, type(e).__name__, e)
        traceback.print_exception(type(e), e, e.__traceback__, limit=0, file=sys.stdout)


g = gen()
next(g)
attempt("gen tb=32", g.throw, Exception, Exception("elephant"), 32)
attempt("gen tb=str", g.throw, ValueError, None, "tb")
attempt("gen bad type and tb", g.throw, list, None, 32)
attempt("gen inst+value", g.throw, Exception("elephant"), Exception("elephant"))
attempt("gen tb=None", g.throw, ValueError, None, None)
try:
    raise KeyError("k")
except KeyError as e:
    tb = e.__traceback__
g2 = gen()
next(g2)
attempt("gen real tb", g2.throw, KeyError, KeyError("x"), tb)

c = coro()
attempt("coro tb=32", c.throw, Exception, Exception("elephant"), 32)
c.close()

a = agen()
attempt("agen athrow tb=32", lambda: a.athrow(Exception, Exception("e"), 32).send(None))
print("done")
