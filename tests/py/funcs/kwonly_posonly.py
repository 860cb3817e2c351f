# keyword-only and positional-only parameters
def kwo(a, *, b, c=3):
    return a, b, c
print(kwo(1, b=2), kwo(1, c=5, b=4))
try:
    kwo(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    kwo(1)
except TypeError as e:
    print(type(e).__name__, e)
def po(a, b, /, c, d=4):
    return a, b, c, d
print(po(1, 2, 3), po(1, 2, c=3), po(1, 2, 3, d=5))
try:
    po(1, b=2, c=3)
except TypeError as e:
    print(type(e).__name__, e)
def both(a, /, b, *, c):
    return a + b + c
print(both(1, 2, c=3), both(1, b=2, c=3))
try:
    both(a=1, b=2, c=3)
except TypeError as e:
    print(type(e).__name__, e)
def po_kw(x, /, **kw):
    return x, kw
print(po_kw(1, x=2))
try:
    kwo(1, b=2, d=4)
except TypeError as e:
    print(type(e).__name__, e)
def kw2(*, x, y):
    return x - y
try:
    kw2()
except TypeError as e:
    print(type(e).__name__, e)
print(kw2(y=1, x=10))
