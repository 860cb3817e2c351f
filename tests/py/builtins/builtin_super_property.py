# super, property, staticmethod, classmethod used as plain builtins
class A:
    def hello(self):
        return "A.hello"
class B(A):
    def hello(self):
        return "B.hello+" + super(B, self).hello()
print(B().hello(), super(B, B()).hello())
def get_x(self):
    return self._x * 2
def set_x(self, v):
    self._x = v
class P:
    x = property(get_x, set_x, None, "doubled x")
    s = staticmethod(lambda a, b: a + b)
    c = classmethod(lambda cls, v: cls.__name__ + str(v))
p = P()
p.x = 21
print(p.x, p._x, P.x.__doc__, P.s(1, 2), p.s(3, 4), P.c(5), p.c(6))
print(type(P.__dict__["x"]).__name__, type(P.__dict__["s"]).__name__, type(P.__dict__["c"]).__name__)
prop = property(lambda self: "read only")
class R:
    ro = prop
print(R().ro, prop.fget(None), prop.fset is None)
try:
    R().ro = 1
except AttributeError as e:
    print(type(e).__name__, e)
class Q(P):
    @property
    def x(self):
        return "overridden " + str(super().x)
q = Q()
q._x = 1
print(q.x)
try:
    super()
except RuntimeError as e:
    print(type(e).__name__, e)
