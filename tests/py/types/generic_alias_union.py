# types.UnionType with generic aliases: NoneType in __args__, dedup and
# equality of aliases, __parameters__ and substitution.
import types
import typing
from typing import TypeVar

T = TypeVar("T")
S = TypeVar("S")

print((int | None).__args__, (None | int).__args__, int | None)
print(list[int] | list[int], int | list[int] | list[int], list[int] | list[str])
print((list[int] | None) == (None | list[int]), (list[int] | None) == (list[str] | None))
print(hash(list[int] | None) == hash(None | list[int]), len({int | list[int], list[int] | int}))
print((int | str).__parameters__, (list[T] | None).__parameters__)
print((list[T] | dict[S, T]).__parameters__)
print((list[T] | None)[int], (list[T] | dict[S, T])[int, str], (int | list[T])[int])
print(type((list[T] | None)[int]).__name__, (list[T] | list[S])[int, int])
print(typing.get_args((list[T] | None)[bytes]))
for f in [lambda: (int | str)[int], lambda: (list[T] | None)[int, str],
          lambda: (list[T] | dict[S, T])[int]]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
print(isinstance(None, int | None), isinstance([], list | None), issubclass(type(None), int | None))
try:
    isinstance([], list[int] | None)
except TypeError as e:
    print(type(e).__name__, e)
print(list[int] | typing.List[str], T | list[int])
