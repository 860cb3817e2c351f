# yield / await / := inside annotations under 'from __future__ import annotations'
# (not evaluated, but refused by CPython 3.11's symtable), and the cases that are fine.
cases = [
    'from __future__ import annotations\nasync def f(x: await y): pass',
    'async def f(x: await y): pass',
    'async def f():\n  x: await y = 1',
    'async def f():\n  def g(x: await y): pass',
    'from __future__ import annotations\nasync def f():\n  x: await y = 1',
    'async def f(): lambda x=await y: x',
    "async def f(): f'{await x}'",
    "def f(): f'{await x}'",
    'async def f(): return [x async for x in y if await x]',
    'async def f(): [[await z for z in x] async for x in y]',
    'async def f(): return {await x for x in y}',
    'def f():\n  class C:\n    [x async for x in y]',
    'from __future__ import annotations\ndef f(x: (yield)): pass',
    'from __future__ import annotations\ndef f(x: (y:=1)): pass',
    'from __future__ import annotations\nx: (yield) = 1',
    'from __future__ import annotations\ndef f(x: lambda: (yield)): pass',
    'from __future__ import annotations\ndef f(x: [(yield) for y in z]): pass',
    'from __future__ import annotations\ndef f(x: [y for y in await z]): pass',
    "from __future__ import annotations\ndef f(x: {'a': (await z)}) -> (yield): pass",
    'from __future__ import annotations\ndef f(*x: (y := 1)): pass',
    'from __future__ import annotations\nclass C:\n  x: f(await y)',
    'from __future__ import annotations\ndef f(x: int = (yield)): pass',
    'from __future__ import annotations\ndef f(x: await (yield)): pass',
    'from __future__ import annotations\ndef f(x: [(await y) for y in z]): pass',
    'from __future__ import annotations\ndef f(x: [[(yield) for q in r] for y in z]): pass',
    'from __future__ import annotations\ndef f(x: [y for y in [q for q in (yield)]]): pass',
    'from __future__ import annotations\nasync def f(x: (a:=1), y: await z): pass',
    'from __future__ import annotations\nx: [(yield) for a in b]',
    'from __future__ import annotations\nx: (y for y in z if (yield))',
]
for src in cases:
    try:
        compile(src, "<ann>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e, e.lineno, e.offset, e.end_lineno, e.end_offset)
