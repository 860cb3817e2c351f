# ast.parse + ast.dump (with and without positions / indent) of a varied program: the tree
# and every position must be CPython 3.11's.
import ast

SRC = '''\
"""Module docstring."""
from __future__ import annotations
import os.path as osp, sys
from . import sibling
from ..pkg.mod import (a as b, c)
from x import *

@decorator
@other.deco(1, key=2)
class Point(Base, metaclass=Meta):
    """A point."""
    x: int = 0
    y: 'str'

    def __init__(self, x, /, y=2, *args, z, w=3, **kw) -> None:
        self.x, self.y = x, y
        global G
        nonlocal_free = lambda a, *, b=1: (a, b)

    async def fetch(self, url):
        async with session.get(url) as resp, other() as (p, q):
            async for chunk in resp:
                yield await chunk
        return [i async for i in aiter() if i]

def gen():
    x = yield
    y = yield from range(3)
    def inner():
        nonlocal x
        x += 1
    del x, y[0], z.attr

while not done and (count := count + 1) < 10 or flag:
    if a < b <= c is not d in e not in f:
        break
    elif ~a ** -b // +c @ d % e << f >> g | h ^ i & j:
        continue
    else:
        pass
else:
    assert x, "message"

for i, (j, *k) in enumerate(items):
    try:
        raise ValueError("bad") from None
    except (TypeError, ValueError) as err:
        print(err)
    except Exception:
        raise
    else:
        result = {k: v for k, v in d.items() if v}
    finally:
        cleanup()

try:
    risky()
except* OSError as eg:
    pass

s = f"{name!r:>{width}} and {value:.2f} {x=}" 'tail' u''
bb = b'bytes' rb'\\d'
t = u"unicode kind"
n = [1, 2.5, 3j, 0x1F, 1_000, True, None, ..., -7, 1e100]
d = {**base, 'k': (1,), **{'z': 2}}
st = {1, 2, *rest}
sl = a[1:2, ::3, ...]
c = func(*args, key=value, **kwargs)
g = (x * 2 for x in range(10) if x % 2 for y in x)
cond = a if b else c
w = not x
with open(p) as f, lock:
    pass

match command.split():
    case [action]:
        pass
    case ["go", direction] | ["move", direction] if direction in dirs:
        pass
    case Point(x=0, y=0) | Point(1, 2):
        pass
    case {"key": value, **rest}:
        pass
    case [1, *others, -1.5, 2 + 3j] as whole:
        pass
    case None | True | False:
        pass
    case mod.CONST:
        pass
    case str() | bytes():
        pass
    case _:
        pass
'''

tree = ast.parse(SRC)
print(ast.dump(tree))
print(ast.dump(tree, include_attributes=True))
print(ast.dump(tree.body[6], indent=2, include_attributes=True))
print(ast.dump(ast.parse("x + 1", mode="eval"), indent="--"))
print(ast.dump(ast.parse("x = 1; y", mode="single")))
print(ast.dump(compile("a.b = c", "<s>", "exec", ast.PyCF_ONLY_AST)))
print(ast.dump(ast.parse(b"# coding: utf-8\nvalue = '\xc3\xa9t\xc3\xa9'\n")))
print(ast.dump(ast.parse("caf\u00e9 = '\u20ac'  # \u00e9\nx = caf\u00e9"), include_attributes=True))

# Node classes: walk, get_docstring, positions
print(sorted({type(n).__name__ for n in ast.walk(tree)}))
# (clean=True needs inspect, which needs _io)
print(ast.get_docstring(tree, clean=False), ast.get_docstring(tree.body[6], clean=False))
fn = tree.body[6].body[3]
print(fn.name, fn.lineno, fn.col_offset, fn.end_lineno, fn.end_col_offset)
print(ast.get_source_segment(SRC, fn.returns), ast.get_source_segment(SRC, fn.args.args[0]))
print([a.arg for a in fn.args.posonlyargs], [a.arg for a in fn.args.args],
      fn.args.vararg.arg, [a.arg for a in fn.args.kwonlyargs], fn.args.kwarg.arg)
print(fn.args.kw_defaults[0], ast.dump(fn.args.kw_defaults[1]))
print(ast.dump(tree.body[-9]))
print(tree.body[-11].value.kind, tree.body[-10].value.elts[0].kind, ast.dump(tree.body[-13].value))

# Load/Store/Add are shared instances in parsed trees (as CPython)
t2 = ast.parse("a; b; c = d + e + f")
print(t2.body[0].value.ctx is t2.body[1].value.ctx, t2.body[2].value.op is t2.body[2].value.left.op)
print(isinstance(t2.body[0].value.ctx, ast.Load), type(t2.body[2].targets[0].ctx).__name__)

# Class facts
for cls in (ast.AST, ast.mod, ast.Module, ast.stmt, ast.FunctionDef, ast.expr, ast.Constant,
            ast.Name, ast.expr_context, ast.Load, ast.operator, ast.Add, ast.arguments, ast.arg,
            ast.keyword, ast.alias, ast.withitem, ast.match_case, ast.pattern, ast.MatchAs,
            ast.excepthandler, ast.ExceptHandler, ast.comprehension, ast.type_ignore,
            ast.TypeIgnore, ast.ImportFrom, ast.FunctionType, ast.Interactive, ast.Expression):
    print(cls.__name__, cls.__module__, cls.__mro__[1].__name__, cls._fields,
          getattr(cls, '_attributes', None), cls.__match_args__)
    print(' ', repr(cls.__doc__))
print(ast.Return.value, ast.stmt.end_lineno, ast.ImportFrom.level, ast.arg.type_comment)
print(hasattr(ast.FunctionDef, 'body'), hasattr(ast.pattern, 'end_lineno'))
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
