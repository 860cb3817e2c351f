# A `with` whose target binding raises (the `as (a, b)` unpacking fails) and
# whose __exit__ suppresses the error leaves the target unbound: reading it
# after the statement is UnboundLocalError, not a crash.  Same for
# `async with`, and for a name bound in the body before a suppressed raise.
import asyncio


class Suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        print("aexit", exc[0].__name__ if exc[0] else None)
        return True


def unpack_target():
    with Suppress() as (a, b):
        pass
    return a


def body_cut_short():
    with Suppress() as cm:
        1 / 0
        x = 1
    return cm, x


def plain_target():
    with Suppress() as cm:
        pass
    return type(cm).__name__


async def async_unpack_target():
    async with Suppress() as (a, b):
        pass
    return a


for fn in (unpack_target, body_cut_short, plain_target):
    try:
        print(fn.__name__, fn())
    except UnboundLocalError as e:
        print(fn.__name__, "UnboundLocalError", e)

try:
    print(asyncio.run(async_unpack_target()))
except UnboundLocalError as e:
    print("async_unpack_target UnboundLocalError", e)
