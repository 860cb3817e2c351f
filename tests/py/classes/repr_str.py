# __repr__ and __str__
class Both:
    def __repr__(self):
        return "Both()"
    def __str__(self):
        return "both as str"
class OnlyRepr:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return "OnlyRepr(%r)" % self.v
class OnlyStr:
    def __str__(self):
        return "only str"
b = Both()
print(b, str(b), repr(b), [b], (b,), {"k": b}, f"{b}", f"{b!r}", "%s %r" % (b, b))
o = OnlyRepr("x")
print(o, str(o), [o, OnlyRepr([1, 2])])
s = OnlyStr()
print(s, str(s), "{}".format(s))
class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
class Formatted:
    def __format__(self, spec):
        return "F[" + spec + "]"
print(format(Formatted(), "xyz"), f"{Formatted():abc}", "{:q}".format(Formatted()))
class Child(OnlyRepr):
    pass
print(Child(3))
print(str(OnlyRepr(1)) == repr(OnlyRepr(1)))
