# Code objects: the 3.11 attributes, co_flags bit values, co_lines(),
# co_positions(), replace().
import sys


def plain(a, b, /, c, *args, d, e=1, **kw):
    x = a
    return x


def closure():
    v = 1

    def inner():
        return v

    return inner


def gen():
    yield 1


co = plain.__code__
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames, co.co_nlocals)
print(co.co_cellvars, co.co_freevars)
print(closure.__code__.co_cellvars, closure().__code__.co_freevars)
print(closure().__code__.co_qualname)
print(co.co_filename.endswith("code_attrs.py"), co.co_firstlineno)
print(type(co.co_code).__name__, len(co.co_code) % 2, type(co.co_stacksize).__name__)
print("names", "x" not in co.co_names)
print("consts", type(co.co_consts).__name__)

# flags: CO_OPTIMIZED 1, NEWLOCALS 2, VARARGS 4, VARKEYWORDS 8, NESTED 16, GENERATOR 32
print("flags", plain.__code__.co_flags, closure.__code__.co_flags,
      closure().__code__.co_flags, gen.__code__.co_flags, (lambda: 1).__code__.co_flags)
print("module flags", sys._getframe().f_code.co_flags)
print("nofree never", any(f.__code__.co_flags & 0x40 for f in (plain, closure, gen)))


class K:
    flags = sys._getframe().f_code.co_flags
    name = sys._getframe().f_code.co_name


print("class", K.flags, K.name)
print("genexpr", (x for x in ()).gi_code.co_flags)


def lines():
    a = 1
    b = 2
    return a + b


lc = lines.__code__
ranges = list(lc.co_lines())
print("lines covered", sorted(set(l for s, e, l in ranges if l is not None)) [-3:])
print("contiguous", all(ranges[i][1] == ranges[i + 1][0] for i in range(len(ranges) - 1)))
print("ends at code", ranges[-1][1] == len(lc.co_code), ranges[0][0])
pos = list(lc.co_positions())
print("positions", len(pos) == len(lc.co_code) // 2, all(len(p) == 4 for p in pos))
print("position lines", sorted(set(p[0] for p in pos if p[0] is not None))[-3:])

# replace
r = lc.replace(co_name="renamed", co_qualname="Q.renamed")
print(r.co_name, r.co_qualname, r.co_filename == lc.co_filename, r is lc)
r2 = lc.replace(co_firstlineno=lc.co_firstlineno + 100)
print("shifted", [l - 100 for s, e, l in r2.co_lines()] == [l for s, e, l in lc.co_lines()])
print("same", lc.replace().co_name, lc.replace(co_varnames=lc.co_varnames).co_varnames)
for bad in ({"co_name": 1}, {"co_firstlineno": "x"}):
    try:
        lc.replace(**bad)
    except TypeError as e:
        print(type(e).__name__)
try:
    lc.replace(co_bogus=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    lc.replace(1)
except TypeError as e:
    print(type(e).__name__, e)
