# co_cellvars / co_freevars in CPython 3.11's order (cell parameters first in
# parameter order, other cells and all free variables sorted by name), and
# types.FunctionType(code, globals, name, argdefs, closure) building a
# closure in that order.
import types

def outer():
    z = 1; a = 2; m = 3; b = 4
    def mid():
        q = 5; c = 6
        def inner():
            return b, z, q, a, c, m
        print('inner', inner.__code__.co_freevars, inner.__code__.co_cellvars)
        return inner
    print('mid', mid.__code__.co_freevars, mid.__code__.co_cellvars)
    return mid
m = outer()
print('outer', outer.__code__.co_cellvars, outer.__code__.co_freevars)
i = m()
print(i(), [c.cell_contents for c in i.__closure__])

def f(y, x, *rest, kw=0):
    def g(): return x, y, rest, kw
    w = 1
    def h(): return w, y
    print('f', f.__code__.co_cellvars, g.__code__.co_freevars, h.__code__.co_freevars)
    return g
print(f(1, 2, 3)())

class C:
    def meth(self):
        zz = 1
        def k(): return __class__, zz, self
        print('k', k.__code__.co_freevars, C.meth.__code__.co_cellvars,
              C.meth.__code__.co_freevars)
        return k
C().meth()
class D:
    Ü = 1; é = 2
    def m(self):
        Ü = 1; é = 2; e = 3; _u = 4
        return lambda: (Ü, é, e, _u, __class__)
print(D().m().__code__.co_freevars)

def mk():
    b = 1; a = 2
    def inner(x=10): return a, b, x
    return inner
fn = mk()
print(fn.__code__.co_freevars, [c.cell_contents for c in fn.__closure__])
g2 = types.FunctionType(fn.__code__, {}, 'renamed', (7,), fn.__closure__)
print(g2(), g2.__name__, g2.__qualname__, g2.__defaults__, g2.__module__)
g3 = types.FunctionType(fn.__code__, {'__name__': 'mymod'}, closure=(types.CellType(5), types.CellType(6)))
print(g3(1), g3.__name__, g3.__module__)
glob = {'y': 41}
g4 = types.FunctionType((lambda: y + 1).__code__, glob)
print(g4())

def t(*a, **k):
    try: print(types.FunctionType(*a, **k).__name__)
    except Exception as e: print(type(e).__name__, e)
c = fn.__code__
t(1, {}); t(c, 1); t(c, {}, 5); t(c, {}, None, 5); t(c, {}, None, None, 5); t(c, {})
t(c, {}, None, None, (1, 2)); t(c, {}, None, None, (types.CellType(1),)); t()
t((lambda: 1).__code__, {}, None, None, fn.__closure__); t((lambda: 1).__code__, {}, None, None, ())
print(type(fn)(c, {}, None, (3,), fn.__closure__)())
c0 = types.CellType()
t2 = types.FunctionType(mk().__code__, {}, None, (1,), (c0, types.CellType(2)))
try: t2()
except NameError as e: print(type(e).__name__, e)
c0.cell_contents = 9
print(t2())
for a, k in [((1, 2), {}), ((), {'x': 1})]:
    try: types.CellType(*a, **k)
    except TypeError as e: print(type(e).__name__, e)
