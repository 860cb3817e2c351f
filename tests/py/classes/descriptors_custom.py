# custom descriptors, __set_name__, property setter/deleter, static/class methods
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError("expected int for %s" % self.name[1:])
        setattr(obj, self.name, value)
class P:
    x = Typed()
    y = Typed()
p = P()
p.x = 3
print(p.x, p.y, P.x.name, sorted(vars(p)))
try:
    p.y = "s"
except TypeError as e:
    print(type(e).__name__, e)
class NonData:
    def __get__(self, obj, t=None):
        return "nondata"
class Q:
    a = NonData()
q = Q()
print(q.a, Q.a)
q.__dict__["a"] = "inst"
print(q.a)
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        "celsius"
        return self._c
    @c.setter
    def c(self, v):
        self._c = v
    @c.deleter
    def c(self):
        print("deleting")
        del self._c
t = Temp()
t.c = 5
print(t.c, Temp.c.__doc__, type(Temp.c).__name__)
del t.c
print(hasattr(t, "_c"))
class RO:
    @property
    def v(self):
        return 1
for stmt in ["RO().v = 2", "del RO().v"]:
    try:
        exec(stmt)
    except AttributeError as e:
        print(type(e).__name__, e)
class K:
    @staticmethod
    def s(a):
        return a * 2
    @classmethod
    def c(cls):
        return cls.__name__
class KK(K):
    pass
print(K.s(2), K().s(3), K.c(), K().c(), KK.c(), KK().c())
print(type(K.__dict__["s"]).__name__, K.__dict__["c"].__func__.__name__, K.__dict__["s"].__func__(4))
print(staticmethod(len)([1, 2]), K.s.__name__, K.__dict__["s"].__name__)
class Lazy:
    def __init__(self, f):
        self.f = f
    def __get__(self, obj, cls):
        if obj is None:
            return self
        v = self.f(obj)
        setattr(obj, self.f.__name__, v)
        return v
class Data:
    calls = 0
    @Lazy
    def expensive(self):
        Data.calls += 1
        return 42
d = Data()
print(d.expensive, d.expensive, Data.calls)
class Meth:
    def f(self):
        return "f"
m = Meth()
bound = Meth.__dict__["f"].__get__(m, Meth)
print(bound(), Meth.f.__get__(m)(), bound.__self__ is m, bound == m.f, bound != m.f)
