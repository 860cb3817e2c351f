# metaclasses, __init_subclass__, __class_getitem__, type() with 3 args
class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcs, name, bases, ns)
        cls.tag = kw.get("tag", "none")
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a, **k)
    def describe(cls):
        return "class " + cls.__name__
class Base(metaclass=Meta, tag="base"):
    def __init__(self, v):
        self.v = v
    def method(self):
        return self.v
class Child(Base):
    pass
print(type(Base).__name__, Base.tag, Child.tag, Base.describe(), isinstance(Base, Meta))
c = Child(5)
print(c.v, c.method(), type(Child) is Meta)
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
class A(Plugin, name="alpha"):
    pass
class B(Plugin):
    pass
class BB(B, name="beta2"):
    pass
print(Plugin.registry, A.plugin_name, BB.plugin_name)
try:
    class C(foo=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
class G:
    def __class_getitem__(cls, item):
        return "%s[%s]" % (cls.__name__, item.__name__)
class GG(G):
    pass
print(G[int], GG[str])
try:
    len[0]
except TypeError as e:
    print(type(e).__name__, e)
T = type("T", (object,), {"x": 1, "get": lambda self: self.x * 2})
print(T.__name__, T().get(), T.__module__, T.__bases__, T.__qualname__)
U = type("U", (T,), {})
print(U().get(), [k.__name__ for k in U.__mro__], type(U) is type)
for args in [("A", (1,), {}), ("A", 1, {}), (1, (), {}), ("A", (), 1), ("A",), ("A", ())]:
    try:
        type(*args)
    except TypeError as e:
        print(type(e).__name__, e)
class Counted(type):
    count = 0
    def __call__(cls, *args):
        Counted.count += 1
        return type.__call__(cls, *args)
class W(metaclass=Counted):
    def __init__(self, a=0):
        self.a = a
W(); W(1)
print(Counted.count, W(7).a)
class Single(type):
    _inst = {}
    def __call__(cls, *a):
        if cls not in cls._inst:
            cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]
class Db(metaclass=Single):
    pass
print(Db() is Db())
class M2(type):
    def __getattr__(cls, name):
        return "meta-" + name
class X(metaclass=M2):
    y = 1
print(X.y, X.zzz)
class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        print("prepare", name)
        return {"prepared": True}
class O(metaclass=Ordered):
    z = 1
print(O.prepared, O.z)
