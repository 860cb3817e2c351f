# CPython 3.11's SyntaxErrors for misplaced await / async constructs.

cases = [
    "await x",
    "def f(): await x",
    "lambda: await x",
    "async def f(): lambda: await x",
    "def f(): [await x for x in y]",
    "def f(): [x async for x in y]",
    "[x async for x in y]",
    "{x async for x in y}",
    "{x: 1 async for x in y}",
    "def f(): [[x async for x in y] for z in w]",
    "async def f(): yield from x",
    "async def f():\n yield 1\n return 2",
    "async def f():\n return 2\n yield 1",
    "async def f(): return (yield)",
    "async for x in y: pass",
    "def f():\n async for x in y: pass",
    "async with x: pass",
    "def f():\n async with x: pass",
    "class C:\n await x",
    "async def f():\n class C:\n  await x",
    "async def f():\n def g(): await x",
    "async def f(x=await y): pass",
    "def f(): {await x: 1 for x in y}",
    "def f(): [x for x in await y]",
    "async x = 1",
    "async def f(): x = await = 1",
    "async def f(): await x = 1",
    "async def f(): del await x",
    "async def f(): (await x) += 1",
    "async def f(): async def g(): pass",
    "def f(): return [y async for y in x for z in await w]",
    "async lambda: 1",
    "async class C: pass",
    "async while x: pass",
    "await = 1",
    "def await(): pass",
    "async = 1",
    "async def f():\n for x in await: pass",
    "async def f():\npass",
    "async def f():\n async for x in y:\n pass",
    "async def f():\n async with x:\n pass",
    "f(x async for x in y)",
    "async def f(): [x async for x in y] = 1",
    "async def f(): for await x in y: pass",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e, e.lineno, e.offset, e.end_lineno, e.end_offset)

# these are fine
ok = [
    "async def f(): await x",
    "async def f(): return [await x for x in y]",
    "async def f(): [[x async for x in y] for z in w]",
    "def f(): (await x for x in y)",
    "def f(): (x async for x in y)",
    "(x async for x in y)",
    "def f(): [(x async for x in y) for z in w]",
    "async def f():\n  def g(x=await y): pass",
    "async def f(): [x for x in await y]",
    "async def f():\n yield 1\n return",
    "async def f(): await (await x)",
    "async def f(): return await x ** 2",
    "async def f(): return -await x",
    "async def f(): return await x.y[0](1)",
    "@dec\nasync def f(): pass",
]
for src in ok:
    compile(src, "<ok>", "exec")
    print(repr(src), "compiles")
