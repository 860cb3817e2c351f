# Abstract classes (abc) cannot be instantiated while they have abstract
# methods; the flag follows __abstractmethods__, as in CPython.
import abc

class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): pass

class Two(abc.ABC):
    @abc.abstractmethod
    def g(self): pass
    @property
    @abc.abstractmethod
    def a(self): pass

class Half(Two):
    def g(self): return 1

class Done(Half):
    a = 5

for cls in (Base, Two, Half, Done):
    try:
        obj = cls()
        print(cls.__name__, "ok", type(obj).__name__)
    except TypeError as e:
        print(type(e).__name__, e)

class Meta(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def h(self): pass
Meta.__abstractmethods__ = frozenset()
print(type(Meta()).__name__)
Meta.__abstractmethods__ = frozenset({"z", "y"})
try:
    Meta()
except TypeError as e:
    print(e)
del Meta.__abstractmethods__
print(type(Meta()).__name__)

class Plain:
    pass
Plain.__abstractmethods__ = {"m"}
try:
    Plain()
except TypeError as e:
    print(e)
try:
    object.__new__(Base)
except TypeError as e:
    print(e)
