# The _abc module behind abc.ABCMeta: registration, the subclass and
# instance checks with their caches, abstract methods, and the errors.
import _abc
import abc
import collections.abc


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...

    @property
    @abc.abstractmethod
    def p(self): ...


print(sorted(Base.__abstractmethods__))


class Half(Base):
    def f(self):
        return 1


print(sorted(Half.__abstractmethods__))
try:
    Half()
except TypeError as e:
    print("TypeError:", e)


class Full(Half):
    p = 3


print(sorted(Full.__abstractmethods__), Full().f(), Full().p)

# Registration changes the cache token and answers.
class Plain:
    pass


t0 = _abc.get_cache_token()
print(issubclass(Plain, Base), isinstance(Plain(), Base))
print(Base.register(Plain) is Plain, _abc.get_cache_token() - t0)
print(issubclass(Plain, Base), isinstance(Plain(), Base))


class SubPlain(Plain):
    pass


print(issubclass(SubPlain, Base), Base in SubPlain.__mro__)
print(Base.register(Full) is Full, _abc.get_cache_token() - t0)  # already one

registry, cache, negative, version = _abc._get_dump(Base)
print(type(registry).__name__, len(registry), sorted(r().__name__ for r in cache))
print(type(version).__name__, version == _abc.get_cache_token())

# Negative answers are cached until the next registration anywhere.
class Other:
    pass


print(issubclass(Other, Base))
print([r().__name__ for r in _abc._get_dump(Base)[2]])
collections.abc.Sized.register(Other)
print(issubclass(Other, Base), _abc._get_dump(Base)[2] == set())

# Errors.
for bad in (lambda: Base.register(1), lambda: issubclass(1, Base),
            lambda: Plain.register if False else abc.ABCMeta.register(Base, Base),
            lambda: _abc._abc_subclasscheck(Plain, Plain)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)


class A2(abc.ABC):
    pass


class B2(A2):
    pass


try:
    B2.register(A2)
except RuntimeError as e:
    print("RuntimeError:", e)


class Hooked(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if C is int:
            return True
        if C is str:
            return 42
        return NotImplemented


print(issubclass(int, Hooked), isinstance(5, Hooked), issubclass(float, Hooked))
try:
    issubclass(str, Hooked)
except AssertionError as e:
    print("AssertionError:", e)

# Dead classes leave the caches.
import gc


def temp():
    class T:
        pass
    Base.register(T)
    return len(_abc._get_dump(Base)[0])


n = temp()
gc.collect()
print(n, len(_abc._get_dump(Base)[0]))

# Reset hooks used by regrtest's refleak mode.
Base._abc_caches_clear()
print([len(s) for s in _abc._get_dump(Base)[1:3]])
Base._abc_registry_clear()
print(len(_abc._get_dump(Base)[0]), issubclass(Plain, Base))

# A registered class matches the match statement's sequence pattern.
class Seqish:
    def __len__(self):
        return 0

    def __getitem__(self, i):
        raise IndexError


collections.abc.Sequence.register(Seqish)
match Seqish():
    case [*rest]:
        print("sequence", rest)
    case _:
        print("not a sequence")
