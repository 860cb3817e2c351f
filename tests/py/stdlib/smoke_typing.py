# typing: generic aliases and their repr, get_type_hints/get_origin/get_args,
# TypeVar/Generic, Protocol with runtime_checkable, NamedTuple, TypedDict,
# Literal, overload, cast, NewType, Annotated, ParamSpec, Self.
import typing
from typing import (Any, Callable, ClassVar, Dict, Generic, List, Literal, NamedTuple, NewType, Optional,
                    Protocol, Tuple, TypedDict, TypeVar, Union, Annotated, get_args, get_origin,
                    get_type_hints, runtime_checkable)

print(List[int], Dict[str, List[int]], Optional[int], Union[int, str, None], Tuple[int, ...], Callable[[int], str])
print(list[int] == typing.List[int], get_origin(Dict[str, int]), get_args(Dict[str, int]), get_args(int | None))
print(Union[int, int], Union[int, Union[str, int]], Optional[Union[int, str]], Literal[1, "a"], Any)
T = TypeVar("T")
K = TypeVar("K", bound=str)


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


print(Box[int], Box(3).get(), Box.__parameters__, T, K.__bound__, get_origin(Box[int]) is Box)


class Pt(NamedTuple):
    x: int
    y: int = 0


print(Pt(1), Pt._fields, Pt._field_defaults, Pt(1, 2)._replace(y=5), Pt.__annotations__)


class Movie(TypedDict, total=False):
    title: str
    year: int


m: Movie = {"title": "x"}
print(m, sorted(Movie.__optional_keys__), Movie.__total__)


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


class F:
    def close(self):
        pass


print(isinstance(F(), Closer), isinstance(1, Closer))


def f(a: int, b: "str" = "x", *args: float, c: Optional[List[int]] = None) -> Dict[str, int]:
    return {}


print(get_type_hints(f))


class Ann:
    x: ClassVar[int] = 1
    y: Annotated[int, "meta"]


print(get_type_hints(Ann), get_type_hints(Ann, include_extras=True)["y"], get_args(Annotated[int, "m", 2]))
UserId = NewType("UserId", int)
print(UserId(5), UserId.__name__, typing.cast(str, 1), typing.TYPE_CHECKING)


@typing.overload
def g(x: int) -> int: ...
@typing.overload
def g(x: str) -> str: ...
def g(x):
    return x


print(g(3), len(typing.get_overloads(g)), typing.get_overloads(g)[0].__name__)
P = typing.ParamSpec("P")
print(P, P.args, Callable[P, int], typing.Concatenate[int, P], typing.Self, typing.LiteralString)
print(typing.Sequence[int], typing.Iterable, typing.Mapping[str, Any], typing.Type[int], typing.NoReturn)
try:
    Union[()]
except TypeError as e:
    print("TypeError:", e)
try:
    Box[int, str]
except TypeError as e:
    print("TypeError:", e)
print(typing.assert_type(5, int), typing.reveal_type.__name__, typing.final(F) is F)
