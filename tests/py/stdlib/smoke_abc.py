# abc: ABC and ABCMeta, abstract methods and properties, register(),
# __subclasshook__, the caches, abstract class/static methods.
import abc


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    @property
    @abc.abstractmethod
    def name(self):
        ...

    def describe(self):
        return f"{self.name}: {self.area()}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    @property
    def name(self):
        return "square"


try:
    Shape()
except TypeError as e:
    print("TypeError:", e)


class Half(Shape):
    def area(self):
        return 0


try:
    Half()
except TypeError as e:
    print("TypeError:", e)
print(Square(3).describe(), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
print(isinstance(Square(1), Shape), type(Shape) is abc.ABCMeta, abc.ABC.__slots__)


class Sized2(metaclass=abc.ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized2:
            return any("__len__" in B.__dict__ for B in C.__mro__) or NotImplemented
        return NotImplemented


print(issubclass(list, Sized2), issubclass(int, Sized2), isinstance("ab", Sized2))


class Registry(abc.ABC):
    pass


Registry.register(tuple)


@Registry.register
class Later:
    pass


print(issubclass(tuple, Registry), isinstance((1,), Registry), issubclass(Later, Registry), issubclass(list, Registry))
print(Later.__name__, Registry.register(int) is int, issubclass(bool, Registry))


class WithStatic(abc.ABC):
    @staticmethod
    @abc.abstractmethod
    def s():
        ...

    @classmethod
    @abc.abstractmethod
    def c(cls):
        ...


print(sorted(WithStatic.__abstractmethods__), getattr(WithStatic.s, "__isabstractmethod__", False))


class Dyn(abc.ABC):
    pass


def g(self):
    return 1


Dyn.g = abc.abstractmethod(g)
abc.update_abstractmethods(Dyn)
print(sorted(Dyn.__abstractmethods__))
print(abc.get_cache_token() is not None, type(abc.get_cache_token()).__name__)
try:
    Registry.register(5)
except TypeError as e:
    print("TypeError:", e)
