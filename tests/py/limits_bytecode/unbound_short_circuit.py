# A local read in an operand that may not run (the right side of and/or, a
# later link of a comparison chain, one arm of a conditional expression)
# does not make the local definitely assigned afterwards: reading it later
# on the path that skipped the operand raises UnboundLocalError (pvm read an
# unbound register and crashed; found by the cache validator's data-flow
# pass, which rejected the compiler's own output).
def f1(h):
    if h and h[0] < item:
        item = 1
    return item


def f2(h):
    x = h or (item := 3)
    return item


def f3(h):
    y = 1 if h else item
    if y is None:
        item = 0
    return item


def f4(a):
    if 0 < a < item:
        item = 2
    return item


def f5(a):
    if not (a or item):
        item = 0
    return item


def f6(a):
    while a and item:
        item = 0
    return item


for f, arg in ((f1, []), (f2, [1]), (f2, []), (f3, [1]), (f4, 0), (f5, [1]), (f6, [])):
    try:
        print(f.__name__, f(arg))
    except UnboundLocalError as e:
        print(f.__name__, type(e).__name__, e)


def ok(h):
    item = 5
    return (h and item) or item


print(ok([]), ok([1]))
