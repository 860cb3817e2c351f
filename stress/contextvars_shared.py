# Threads share one Context: one runs inside it and sets variables while the
# others read it (lookup, len, iteration, copy, equality) and try to enter
# it; at most one thread is ever inside, readers see consistent snapshots.
import threading
import _contextvars as cv

N = 4
ITER = 3000
vars_ = [cv.ContextVar('v%d' % i, default=-1) for i in range(8)]
ctx = cv.Context()
errors = []
inside = [0]
entered = [0]
lock = threading.Lock()


def setter(k):
    for i in range(ITER):
        v = vars_[i % len(vars_)]
        t = v.set((k, i))
        if v.get() != (k, i):
            errors.append('get after set')
        if i % 3 == 0:
            v.reset(t)


def runner(k):
    for i in range(ITER // 10):
        try:
            def body():
                with lock:
                    inside[0] += 1
                    if inside[0] != 1:
                        errors.append('two threads inside')
                setter(k)
                with lock:
                    inside[0] -= 1
            ctx.run(body)
            with lock:
                entered[0] += 1
        except RuntimeError:
            pass


def reader():
    for i in range(ITER):
        n = len(ctx)
        keys = list(ctx)
        if len(keys) > len(vars_) or n > len(vars_):
            errors.append('size')
        c = ctx.copy()
        for k in keys:
            val = c[k]
            if not (isinstance(val, tuple) and len(val) == 2):
                errors.append('bad value %r' % (val,))
        if c != c.copy():
            errors.append('copy not equal')
        for v in vars_:
            ctx.get(v)
            v in ctx


def own_context(k):
    for i in range(ITER):
        vars_[0].set(i)
        if vars_[0].get() != i:
            errors.append('own context')


threads = [threading.Thread(target=runner, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=reader) for _ in range(N)]
threads += [threading.Thread(target=own_context, args=(k,)) for k in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    print(errors[:5])
elif entered[0] == 0:
    print('never entered')
else:
    print('ok contextvars_shared')
