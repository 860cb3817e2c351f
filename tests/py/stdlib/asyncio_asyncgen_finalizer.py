# PEP 525's finalizer hook: an unfinished async generator that is dropped
# is handed (resurrected) to the hook recorded at its first iteration;
# asyncio's hook schedules aclose(), so `finally` blocks that await run in
# full after `break`, after `del`, and at shutdown.  Without asyncio, a
# hook that keeps the generator can close it later.
import asyncio
import sys

log = []


async def agen(tag):
    try:
        for i in range(10):
            yield i
    finally:
        log.append(tag + " finally start")
        await asyncio.sleep(0)
        log.append(tag + " finally end")


async def main():
    async for x in agen("break"):
        if x == 2:
            break
    await asyncio.sleep(0.01)
    g = agen("del")
    print(await g.__anext__())
    del g
    await asyncio.sleep(0.01)
    done = agen("exhausted")
    print([x async for x in done])
    del done
    await asyncio.sleep(0.01)
    print(log)


asyncio.run(main())
print(log)

# the hooks by hand
kept = []


def finalizer(g):
    kept.append(g)


sys.set_asyncgen_hooks(firstiter=None, finalizer=finalizer)


async def plain():
    try:
        yield 1
        yield 2
    finally:
        log.append("plain finally")


def drive(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value


g = plain()
print(drive(g.__anext__()))
del g
print(len(kept), type(kept[0]).__name__, log[-1])
drive(kept[0].aclose())
print(log[-1])
kept.clear()
g = plain()  # never iterated: no hook recorded, nothing to finalize
del g
h = plain()
sys.set_asyncgen_hooks(finalizer=None)
print(drive(h.__anext__()))  # the hook recorded is None: closed in place
del h
print(log[-1], len(kept))
