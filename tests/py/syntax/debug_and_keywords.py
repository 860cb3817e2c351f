# Binding __debug__ in any form and repeating a keyword argument are
# SyntaxErrors raised by CPython 3.11's compiler, with these positions.

cases = [
    'f(a=1, a=2)',
    'f(a=1, b=2, a=3)',
    'f(x, a=1, *y, a=2)',
    'f(a=1, **k, a=2)',
    'class C(a=1, a=2): pass',
    '__debug__ = 1',
    'del __debug__',
    '__debug__ += 1',
    'for __debug__ in x: pass',
    'import __debug__',
    'import x as __debug__',
    'from x import __debug__',
    'from x import y as __debug__',
    'def f(__debug__): pass',
    'def f(*, __debug__): pass',
    'def f(*__debug__): pass',
    'def f(**__debug__): pass',
    'lambda __debug__: 0',
    'f(__debug__=1)',
    'x.__debug__ = 1',
    'x.__debug__',
    'del x.__debug__',
    '(__debug__ := 1)',
    '[__debug__ for __debug__ in x]',
    'with x as __debug__: pass',
    'try: pass\nexcept E as __debug__: pass',
    'def __debug__(): pass',
    'class __debug__: pass',
    'global __debug__',
    'nonlocal __debug__',
    '__debug__: int',
    '__debug__: int = 1',
    'x.__debug__ += 1',
    'a, __debug__ = 1, 2',
    '[__debug__] = [1]',
    '(*__debug__,) = x',
    'print(__debug__)',
    '__debug__',
    'x[__debug__] = 1',
    'def f(__debug__=1): pass',
    'def f(x, /, __debug__): pass',
    'del (__debug__, x)',
    'x = __debug__ = 1',
    'for x, __debug__ in y: pass',
    'from x import (a, __debug__)',
    'def f():\n    nonlocal __debug__',
    'def f():\n    __debug__ = 1',
    'def f():\n    for __debug__ in x: pass',
    'def f():\n    del __debug__',
    'def f():\n    (__debug__ := 1)',
    'def f():\n    __debug__ += 1',
    'def f():\n    __debug__: int = 1',
    'def f():\n    import __debug__',
    'def f():\n    [0 for __debug__ in x]',
    'class C:\n    __debug__ = 1',
    'class C:\n    def __debug__(self): pass',
    'o.m(a=1, a=2)',
    'f(**k, a=1, a=2)',
    'f(a=1, *b, a=2)',
    'f(a=1, b=2, b=3, a=4)',
    'f(__debug__=1, __debug__=2)',
    'f(a=1, a=2, __debug__=3)',
    'def f():\n    return g(x=1, x=2)',
    'lambda: f(a=1, a=2)',
    'x = 1\nf(a=1, a=2)\ny = 2',
    'x = 1\nf(a=1,\n  a=2)',
    'o.__debug__ = 1',
    '(o).__debug__ = 1',
    'o.a.__debug__ = 1',
    'o.__debug__, y = 1, 2',
    'for o.__debug__ in x: pass',
    'with x as o.__debug__: pass',
    'print(o.__debug__)',
]

for src in cases:
    try:
        compile(src, "<s>", "exec")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)


def f(**kw):
    return sorted(kw.items())


print(f(a=1, b=2), __debug__)
try:
    exec("f(a=1, a=2)")
except SyntaxError as e:
    print(type(e).__name__, e)
try:
    exec("__debug__ = 0")
except SyntaxError as e:
    print(type(e).__name__, e)
print(__debug__)
