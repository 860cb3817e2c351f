# inspect.signature of a class with neither __init__ nor __new__ is object's
# "()", read from object.__text_signature__.
import dataclasses
import inspect

print(repr(type.__text_signature__), repr(object.__text_signature__), repr(int.__text_signature__))


class C:
    pass


print(repr(C.__text_signature__), inspect.signature(C), inspect.signature(object))


@dataclasses.dataclass(init=False)
class E:
    x: int


print(inspect.signature(E))


@dataclasses.dataclass
class F:
    x: int
    y: str = "a"


print(inspect.signature(F))
