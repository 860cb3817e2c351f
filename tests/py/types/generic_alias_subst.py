# types.GenericAlias: __parameters__, substitution and its errors, typing
# interplay, unpacking, subclasses, pickling and copying.
import types
import typing
import collections.abc
import copy
import pickle
from typing import TypeVar, ParamSpec, Generic

T = TypeVar("T")
S = TypeVar("S")
P = ParamSpec("P")
GA = types.GenericAlias

print(list[T], list[T].__parameters__, dict[T, S].__parameters__)
print(dict[T, list[S]].__parameters__, dict[T, T].__parameters__)
print(list[T][int], dict[str, T][int], dict[T, list[S]][str, int])
print(dict[T, T][int], list[list[T]][str], list[T][list[S]], list[T][list[S]].__parameters__)
print(list[typing.List[T]].__parameters__, list[typing.List[T]][int])
print(list[T][int] == list[int], type(list[T][int]))
print(list[int | T].__parameters__)

for f in [lambda: list[int][str], lambda: list[T][int, str], lambda: dict[T, S][int],
          lambda: list[()][int], lambda: tuple[int, ...][str]]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)

# typing reprs and Generic
print(typing.Generic[T], typing.List[int], typing.Dict[str, T][int])
class Box(Generic[T]):
    pass
print(Box.__orig_bases__, Box[int], Box[int]().__orig_class__)
print(typing.get_origin(list[int]), typing.get_args(dict[str, int]))
print(typing.get_type_hints(lambda: None), typing.Optional[list[int]])
def f(x: list[int], y: dict[str, T]) -> tuple[int, ...]:
    pass
print(typing.get_type_hints(f))

# collections.abc.Callable, a subclass of GenericAlias
C = collections.abc.Callable[[int, str], float]
print(C, type(C).__name__, isinstance(C, GA), C.__args__, C.__origin__)
C2 = collections.abc.Callable[..., T]
print(C2, C2.__parameters__, C2[int])
C3 = collections.abc.Callable[P, T]
print(C3, C3.__parameters__, C3[[int, str], bytes])
print(collections.abc.Callable[[int], str] == collections.abc.Callable[[int], str])
print(collections.abc.Iterable[int], collections.abc.Mapping[str, int])
try:
    collections.abc.Callable[int]
except TypeError as e:
    print(type(e).__name__, e)

class MyAlias(GA):
    __slots__ = ()
m = MyAlias(list, int)
print(type(m).__name__, repr(m), m == list[int], m.__origin__, isinstance(m, GA))
print(type(MyAlias(list, T)[int]).__name__)
class WithDict(GA):
    pass
w = WithDict(dict, (str, int))
w.note = 5
print(w, w.__origin__)
try:
    w.note
except AttributeError as e:
    print(type(e).__name__, e)

# unpacking (3.11)
u = [*tuple[int, str]][0]
print(u, u.__unpacked__, u.__typing_unpacked_tuple_args__, tuple[int].__typing_unpacked_tuple_args__)
print(u == tuple[int, str], u == [*tuple[int, str]][0], list[T][*tuple[int]])
print(list[*tuple[int, str]], tuple[int, *tuple[str, ...]], tuple[T, *tuple[S, ...]][int, str])
Ts = typing.TypeVarTuple("Ts")
print(tuple[*Ts], tuple[*Ts].__parameters__, tuple[int, *Ts][str, bytes], tuple[*Ts][()])
print(tuple[T, *Ts][int], tuple[T, *Ts][int, str, bytes], tuple[*Ts, T][int, *tuple[str, ...]])
try:
    tuple[T, *Ts][()]
except TypeError as e:
    print(type(e).__name__, e)
it = iter(list[int])
print(next(it), next(it, "done"))

# pickling and copying
for a in [list[int], dict[str, list[int]], tuple[int, ...], list[T], u, C]:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        b = pickle.loads(pickle.dumps(a, proto))
        assert b == a and type(b) is type(a), (a, proto)
    print(repr(copy.copy(a)), repr(copy.deepcopy(a)), a.__reduce__()[0].__name__)

# what the starred alias's pickle needs: builtins and the alias iterator
it = iter(tuple[int])
print(it.__reduce__(), pickle.loads(pickle.dumps(it)).__next__())
print(next(it), next(it, "end"))
print(len.__reduce__(), pickle.loads(pickle.dumps(len)) is len)
r = dict.fromkeys.__reduce__()
print(r[0] is getattr, r[1], pickle.loads(pickle.dumps(dict.fromkeys))("ab"))
