# super(), __new__/__init__ argument checks, bound methods, module objects
class A:
    def f(self): return "A.f"
    @classmethod
    def c(cls): return "A.c " + cls.__name__
    @staticmethod
    def s(): return "A.s"
    @property
    def p(self): return "A.p"
class B(A):
    def f(self): return "B.f>" + super().f()
    @classmethod
    def c(cls): return "B.c>" + super().c()
    @staticmethod
    def s(): return "B.s"
    @property
    def p(self): return "B.p>" + super().p
    def g(self):
        return super(B, self).f(), super().s(), super().c()
b = B()
print(b.f(), B.c(), b.c(), b.s(), b.p, b.g())
sp = super(B, b)
print(repr(sp).startswith("<super: <class 'B'>, <B object>>"), sp.__thisclass__, sp.__self__ is b, sp.__self_class__)
print(super(B, B).c(), super(B, B).f(b))
try:
    super(B, 1)
except TypeError as e:
    print(e)
try:
    super(1, b)
except TypeError as e:
    print(e)
try:
    super(B, b).nothing
except AttributeError as e:
    print(e)
class C(B):
    def f(self): return "C.f>" + super().f()
print(C().f(), super(C, C()).f(), super(B, C()).f())
class Init:
    def __init__(self, *a):
        super().__init__()
        self.a = a
print(Init(1, 2).a)
class NewStyle:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.created = args
        return inst
    def __init__(self, *args):
        self.inited = args
n = NewStyle(1, 2)
print(n.created, n.inited)
class OnlyNew:
    def __new__(cls, x):
        return 42
print(OnlyNew(1))
try:
    object.__new__(int)
except TypeError as e:
    print(e)
try:
    object.__new__(1)
except TypeError as e:
    print(e)
class X: pass
try:
    X(1)
except TypeError as e:
    print(e)
class Y:
    def __init__(self): pass
try:
    Y(1)
except TypeError as e:
    print(e)
try:
    object.__init__(X(), 1)
except TypeError as e:
    print(e)
class Z:
    def __init__(self, a): pass
    def __new__(cls, *a): return object.__new__(cls)
print(type(Z(1)).__name__)
class W:
    def __new__(cls, a): return super().__new__(cls, a)
try:
    W(1)
except TypeError as e:
    print(e)
a = A()
print(a.f.__func__ is A.f, a.f.__self__ is a, a.f == a.f, a.f != A().f, hash(a.f) == hash(a.f))
print(a.f.__name__, a.f.__qualname__, a.f.__doc__)
m = a.f
print(m())
print(len, len.__name__)
print([].append.__name__, [].append.__qualname__, type([].append.__self__))
import sys
print(repr(sys)[:20], type(sys).__name__, sys.__name__)
try:
    sys.nothing_here
except AttributeError as e:
    print(e)
import sys as math
print("exit" in dir(math), type(math.exit).__name__)
mod = type(sys)("dyn", "docstr")
print(mod, mod.__doc__, mod.__name__)
mod.x = 5
print(mod.x, mod.__dict__["x"], sorted(k for k in mod.__dict__))
del mod.x
try:
    del mod.x
except AttributeError as e:
    print(e)
