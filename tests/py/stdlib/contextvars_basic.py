# _contextvars: ContextVar / Token / Context / copy_context, errors, threads.
import _contextvars as cv
import threading

def noaddr(s):
    # drops the " at 0x..." of reprs
    while " at 0x" in s:
        i = s.index(" at 0x")
        j = s.index(">", i)
        s = s[:i] + s[j:]
    return s

def show(f):
    try:
        r = f()
        print(r if not isinstance(r, str) else repr(r))
    except Exception as e:
        print(type(e).__name__, noaddr(str(e)))

print(sorted(x for x in dir(cv) if not x.startswith('__')))
print(cv.Context.__module__, cv.ContextVar.__module__, cv.Token.__module__)
print(cv.ContextVar.__name__, cv.Token.MISSING, cv.Token.MISSING is cv.Token.MISSING)

a = cv.ContextVar('a', default=10)
b = cv.ContextVar('b')
print(a.name, b.name, a.get(), a.get(5), b.get(7))
show(lambda: b.get())
print(noaddr(repr(a)), noaddr(repr(b)))

t = a.set(1)
print(a.get(), t.var is a, t.old_value is cv.Token.MISSING)
print(noaddr(repr(t)))
t2 = a.set(2)
print(a.get(), t2.old_value)
a.reset(t2)
print(a.get())
print(noaddr(repr(t2)))
show(lambda: a.reset(t2))
a.reset(t)
print(a.get())
show(lambda: b.reset(a.set(3)))

# Context
ctx = cv.copy_context()
print(type(ctx).__name__, a in ctx, b in ctx, len(ctx), ctx[a], ctx.get(b), ctx.get(b, 'd'))
show(lambda: ctx[b])
show(lambda: ctx[1])
show(lambda: 1 in ctx)
show(lambda: ctx.get(1))
show(lambda: ctx.get())
show(lambda: hash(ctx))
show(lambda: cv.Context(1))
show(lambda: cv.Context(x=1))
show(lambda: ctx.run())
show(lambda: ctx.keys(1))
show(lambda: cv.copy_context(1))
print(len(cv.Context()), list(cv.Context()))

def inner(x, y=0):
    a.set(x + y)
    b.set('in')
    return a.get(), b.get()

print(ctx.run(inner, 100, y=5))
print(a.get(), b.get(None), ctx[a], ctx[b], len(ctx))
print(sorted(v.name for v in ctx), sorted(map(str, ctx.values())))
print(sorted((k.name, v) for k, v in ctx.items()), sorted(k.name for k in ctx.keys()))

c2 = ctx.copy()
print(c2 == ctx, c2 != ctx, c2 is ctx, ctx == 1, ctx != 1)
c2.run(a.set, 1)
print(c2 == ctx, c2[a], ctx[a])

def reenter():
    show(lambda: ctx.run(lambda: 0))
    return 'r'
print(ctx.run(reenter))

tok = ctx.run(a.set, 55)
show(lambda: a.reset(tok))
show(lambda: a.reset(1))
show(lambda: b.reset(tok))
ctx.run(a.reset, tok)
print(ctx[a])

# Errors of construction
show(lambda: cv.ContextVar(1))
show(lambda: cv.ContextVar())
show(lambda: cv.ContextVar('x', 1))
show(lambda: cv.ContextVar(name='x'))
show(lambda: cv.Token())
show(lambda: type(cv.Token.MISSING)())
show(lambda: a.set())
show(lambda: a.reset())
show(lambda: a.get(1, 2))
show(lambda: a.get(default=1))
show(lambda: setattr(a, 'name', 'q'))
show(lambda: type('X', (cv.ContextVar,), {}))
show(lambda: type('X', (cv.Context,), {}))
show(lambda: type('X', (cv.Token,), {}))
show(lambda: cv.Context() < cv.Context())
print(cv.ContextVar[int], cv.Token[str])
print(hash(a) == hash(a), a == a, a != b)
print(cv.ContextVar('k', default=None).get())

# exceptions propagate and the context is left
def boom():
    a.set(-1)
    raise KeyError('x')
show(lambda: ctx.run(boom))
print(ctx[a], a.get())

# each thread starts with an empty context
a.set(42)
out = []
def worker():
    out.append((a.get(), b.get('nob'), len(cv.copy_context())))
    a.set(7)
    out.append(a.get())
th = threading.Thread(target=worker)
th.start()
th.join()
print(out, a.get())

# ctx.run from another thread while entered here
res = []
def other():
    try:
        ctx.run(lambda: 0)
    except RuntimeError as e:
        res.append('RuntimeError')
def holder():
    th = threading.Thread(target=other)
    th.start()
    th.join()
ctx.run(holder)
print(res)
show(lambda: ctx.get(x=1))
show(lambda: ctx['x'])
