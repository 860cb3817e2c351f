# PEP 560: bases with __mro_entries__ (what typing.Generic[T] and
# Protocol[T] rely on), __orig_bases__, and `__doc__` named in __slots__.
class A:
    pass


class Alias:
    def __init__(self, *bases):
        self.bases = bases

    def __mro_entries__(self, bases):
        print('mro_entries got', len(bases), 'bases')
        return self.bases


class C(Alias(A)):
    pass


print(C.__mro__)
print(C.__orig_bases__[0].__class__.__name__, C.__bases__)


class D(int, Alias()):
    pass


print(D.__bases__, '__orig_bases__' in D.__dict__)


class E(A):
    pass


print('__orig_bases__' in E.__dict__)


class Bad:
    def __mro_entries__(self, bases):
        return [A]


try:
    class F(Bad()):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class S:
    __slots__ = ('__doc__', 'x')


print(type(S.__dict__['__doc__']).__name__, '__doc__' in S.__dict__)
s = S()
s.__doc__ = 'per instance'
print(s.__doc__)

import typing
T = typing.TypeVar('T')


class Box(typing.Generic[T]):
    def __init__(self, v):
        self.v = v


print(len(Box.__orig_bases__), Box.__orig_bases__[0].__origin__ is typing.Generic,
      Box.__mro__[1] is typing.Generic, Box[int].__origin__ is Box, Box(3).v)

import _warnings
import sys
_warnings.warn('from _warnings', UserWarning)
