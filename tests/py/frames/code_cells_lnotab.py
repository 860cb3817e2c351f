# co_varnames / co_nlocals leave out cell variables that are not
# parameters (3.11 lists them in co_cellvars only); co_lnotab exists.
def f(a, b):
    x = 1
    y = 2

    def g():
        return x + a

    return g


co = f.__code__
print(co.co_varnames, co.co_nlocals, co.co_cellvars, co.co_freevars)
g = f(1, 2)
print(g.__code__.co_varnames, g.__code__.co_nlocals, sorted(g.__code__.co_freevars))


def h(*args, **kw):
    z = 3
    return lambda: (args, kw, z)


print(h.__code__.co_varnames, h.__code__.co_nlocals, h.__code__.co_cellvars)
print(co.replace(co_varnames=co.co_varnames, co_nlocals=co.co_nlocals).co_varnames)
print(type(co.co_lnotab).__name__, len(co.co_lnotab) % 2)


def lines(code):
    line = code.co_firstlineno
    out = []
    lt = code.co_lnotab
    for i in range(0, len(lt), 2):
        d = lt[i + 1] - 256 if lt[i + 1] >= 128 else lt[i + 1]
        line += d
        out.append(line - code.co_firstlineno)
    return sorted(set(out))


def k(n):
    total = 0
    for i in range(n):
        total += i
    return total


print(lines(k.__code__))
