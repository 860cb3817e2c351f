# Calling __init__ again on a live property, staticmethod or classmethod
# rebinds its functions (CPython allows it).
def f():
    return 1


def g():
    return 2


sm = staticmethod(f)
sm.__init__(g)
print(sm.__func__ is g, sm(), sm.__name__, sm.__wrapped__ is g)
cm = classmethod(f)
cm.__init__(g)
print(cm.__func__ is g, cm.__name__)
for bad in [(), (1, 2)]:
    try:
        sm.__init__(*bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    cm.__init__(f, x=1)
except TypeError as e:
    print(type(e).__name__, e)


class K:
    s = staticmethod(f)
    c = classmethod(lambda cls: cls.__name__)


K.__dict__["s"].__init__(g)
K.__dict__["c"].__init__(lambda cls: "new " + cls.__name__)
print(K.s(), K().s(), K.c(), K().c())

p = property(lambda s: 1, doc="d")
p.__init__(None, None, None, None)
print(p.fget, p.fset, p.fdel, p.__doc__)


def h(self):
    "hdoc"
    return 5


p.__init__(h)
print(p.__doc__, p.fget is h)
q = p.setter(h)
print(q.__doc__, q.fset is h, q.fget is h)
p.__set_name__(K, "one")
p.__set_name__(K, "two")


class O:
    pass


try:
    p.__set__(O(), 1)
except AttributeError as e:
    print(type(e).__name__, e)
r = p.deleter(h)
try:
    r.__set__(O(), 1)
except AttributeError as e:
    print(type(e).__name__, e)


class S(staticmethod):
    pass


class CM(classmethod):
    pass


s = S(len)
s.__init__(abs)
print(repr(s), repr(CM(len)), repr(staticmethod(len)), s(-3))
