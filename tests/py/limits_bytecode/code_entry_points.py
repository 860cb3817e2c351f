# Code objects run by something other than a call still get their
# parameters bound: exec() of a function's code and __build_class__ with
# an ordinary function call it without arguments, as CPython does (a
# TypeError names the missing parameters; a generator function makes a
# generator).  pvm ran them with unbound parameter registers and crashed.
def f(a):
    return a + 1


def g(a, b, *, k):
    return a.x


def gen():
    yield 1


def star(*args, **kw):
    print("star body", args, kw)


for code in (f.__code__, g.__code__, gen.__code__, star.__code__):
    try:
        print(exec(code))
    except TypeError as e:
        print(type(e).__name__, e)

for body in (f, g, gen, star):
    try:
        cls = __build_class__(body, "X")
        print(cls.__name__, sorted(k for k in vars(cls) if not k.startswith("__")))
    except TypeError as e:
        print(type(e).__name__, e)
