# sys.set_asyncgen_hooks / get_asyncgen_hooks (per thread), the firstiter hook
# called once by an async generator's first asend/athrow/__anext__/aclose,
# and asyncio.run() closing a suspended async generator at shutdown.
import asyncio, sys
seen = []
async def agen():
    try:
        for i in range(10):
            yield i
    finally:
        seen.append("agen finally ran")
async def main():
    g = agen()
    print(await g.__anext__())
    loop = asyncio.get_running_loop()
    print(len(loop._asyncgens))
    main.g = g   # keep it alive, suspended: shutdown_asyncgens closes it
asyncio.run(main())
print(seen)
calls = []
def first(g): calls.append(("first", type(g).__name__))
sys.set_asyncgen_hooks(firstiter=first)
async def ag2():
    yield 1
async def drive():
    g = ag2()
    async for x in g: pass
    g2 = ag2()
    await g2.aclose()
    g3 = ag2()
    try:
        await g3.athrow(ValueError)
    except ValueError: pass
    g4 = ag2()
    await g4.asend(None)
c = drive()
try:
    c.send(None)
except StopIteration:
    pass
print(calls)
def bad(g): raise KeyError("hook")
sys.set_asyncgen_hooks(firstiter=bad)
try:
    ag2().__anext__()
except KeyError as e:
    print("hook raised", e)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
