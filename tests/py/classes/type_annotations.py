# type.__annotations__: a class's own annotations; a class without them
# gets an empty dict stored in its namespace; set/delete; builtin types.
import typing


class A:
    x: int


class B(A):
    pass


print(B.__annotations__, A.__annotations__, '__annotations__' in B.__dict__)
print(B.__dict__['__annotations__'] is B.__annotations__)
try:
    int.__annotations__
except AttributeError as e:
    print(type(e).__name__, e)
try:
    int.__annotations__ = {}
except TypeError as e:
    print(type(e).__name__, e)
del B.__annotations__
try:
    del B.__annotations__
except AttributeError as e:
    print(type(e).__name__, e)
B.__annotations__ = 5
print(B.__annotations__)
print(A().__annotations__)
try:
    print(B().__annotations__)
except AttributeError as e:
    print(type(e).__name__, e)


class C:
    pass


print(typing.get_type_hints(C), typing.get_type_hints(A))


class TD(typing.TypedDict):
    a: int


class TD2(TD, total=False):
    b: str


print(typing.get_type_hints(TD2), TD2.__required_keys__, TD2.__optional_keys__)
