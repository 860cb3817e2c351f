# type(name, bases, ns, **kw): when a base's metaclass derives from type and
# has its own __new__, the call goes to that metaclass, keywords included.
class Meta(type):
    def __new__(mcls, name, bases, ns, *, flag=None, **kw):
        print("Meta.__new__", name, flag, sorted(kw))
        cls = super().__new__(mcls, name, bases, ns, **kw)
        cls.flag = flag
        return cls


class Base(metaclass=Meta, flag="base"):
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, sorted(kw))
        super().__init_subclass__()


C = type("C", (Base,), {"x": 1}, flag="c")
print(type(C).__name__, C.flag, C.x)
D = type("D", (Base,), {}, flag="d", extra=1)
print(D.flag)
E = type("E", (), {})
print(type(E).__name__)
try:
    type("F", (Base,), {}, flag="f", bad=object())
except TypeError as e:
    print(type(e).__name__)


class Other(type):
    pass


class O(metaclass=Other):
    pass


try:
    type("G", (Base, O), {})
except TypeError as e:
    print(type(e).__name__, e)
