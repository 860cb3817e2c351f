# Assignment to a class's __bases__: the MRO, attribute lookup, isinstance
# and dunder slots follow the new bases; CPython's errors for bad values.
import typing


class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"

    def __len__(self):
        return 7


class C(A):
    pass


c = C()
print(c.who(), [k.__name__ for k in C.__mro__])
C.__bases__ = (B, A)
print(c.who(), len(c), isinstance(c, B), issubclass(C, B), C.__base__.__name__)
print([k.__name__ for k in C.__mro__], [k.__name__ for k in C.__bases__])
C.__bases__ = (A,)
print(c.who(), isinstance(c, B), hasattr(c, '__len__'))
print(B in [type(x) for x in B.__subclasses__()] or [k.__name__ for k in B.__subclasses__()])


class D:
    pass


class E(D):
    pass


for v in ((), [B], (1,), (E,), (int,)):
    try:
        D.__bases__ = v
    except Exception as e:
        print(type(e).__name__, e)
try:
    int.__bases__ = (object,)
except Exception as e:
    print(type(e).__name__, e)

T = typing.TypeVar('T')


class NT(typing.NamedTuple, typing.Generic[T]):
    x: T
    y: int = 0


print(NT(1), NT[int], [k.__name__ for k in NT.__mro__], NT.__bases__)


# A base that cannot be subclassed cannot be assigned either.
class Plain:
    pass


for bases in ((type(None),), (object, type(None)), (type(None), object), (bool,)):
    try:
        Plain.__bases__ = bases
    except TypeError as e:
        print(type(e).__name__, e)
print(Plain.__bases__)
