# contextlib: contextmanager, suppress, closing, ExitStack, redirect_stdout,
# nullcontext, AbstractContextManager, ContextDecorator, asynccontextmanager,
# chdir.
import contextlib
import io
import os
import asyncio


@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as e:
        print("handled", repr(e))
    finally:
        print(f"</{name}>")


with tag("a") as v:
    print("inside", v)
with tag("b"):
    raise KeyError("k")
try:
    with tag("c"):
        raise ValueError("passes through")
except ValueError as e:
    print("caught", e)
with contextlib.suppress(ZeroDivisionError, KeyError):
    1 / 0
print("after suppress")


class Res:
    def __init__(self, n):
        self.n = n

    def close(self):
        print("close", self.n)


with contextlib.closing(Res(1)) as r:
    print("using", r.n)
with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    rs = [stack.enter_context(contextlib.closing(Res(i))) for i in (10, 11)]
    moved = stack.pop_all()
print("stack exited, moved pending")
moved.close()
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
with contextlib.nullcontext(42) as n:
    print("null", n)


class Deco(contextlib.ContextDecorator):
    def __enter__(self):
        print("enter deco")
        return self

    def __exit__(self, *exc):
        print("exit deco", exc[0].__name__ if exc[0] else None)
        return False


@Deco()
def work(x):
    return x * 2


print(work(21))
print(issubclass(Res, contextlib.AbstractContextManager), issubclass(contextlib.ExitStack, contextlib.AbstractContextManager))


@contextlib.asynccontextmanager
async def atag(n):
    print("aenter", n)
    yield n + 1
    print("aexit", n)


async def main():
    async with atag(1) as v:
        print("async body", v)
    async with contextlib.AsyncExitStack() as st:
        w = await st.enter_async_context(atag(5))
        st.push_async_callback(asyncio.sleep, 0)
        print("stacked", w)


asyncio.run(main())
start = os.getcwd()
with contextlib.chdir("/"):
    print(os.getcwd())
print(os.getcwd() == start)
try:
    with tag("d"):
        raise StopIteration("si")
except StopIteration as e:
    print("StopIteration", e)
