# types.GenericAlias: what builtin classes' [] returns, repr, eq/hash,
# attributes, calls, isinstance rules.
import types
import collections
import collections.abc
import re
import functools
import itertools
import contextvars
import os
import weakref
import typing

GA = types.GenericAlias

for a in [list[int], dict[str, int], set[bytes], frozenset[int], tuple[int, ...],
          tuple[()], enumerate[str], collections.defaultdict[str, list[int]],
          collections.deque[float], collections.OrderedDict[str, int],
          re.Pattern[str], re.Match[bytes], functools.partial[int],
          itertools.chain[int], contextvars.ContextVar[int], os.DirEntry[str],
          weakref.ref[int], type[int], list[list[int]], dict[str, ...],
          list[None], list["int"], list[1, 2]]:
    print(type(a).__name__, repr(a), a.__origin__, a.__args__, a.__parameters__)

print(isinstance(list[int], GA), isinstance(list, GA), isinstance(int, GA))
print(isinstance(GA, GA), type(list[int]) is GA)

# eq / hash
print(list[int] == list[int], list[int] != list[int], list[int] == list[str])
print(list[int] == list, list == list[int], list[int] == dict[int])
print(hash(list[int]) == hash(list[int]), len({list[int], list[int], dict[int, int]}))
print(dict[str, int] == dict[(str, int)])

# calls
print(list[int]([1, 2]), dict[str, int](a=1), tuple[int, ...]((1, 2)))
class Box:
    pass
b = GA(Box, int)()
print(b.__orig_class__)
print(hasattr(list[int]([1]), "__orig_class__"))

# attribute forwarding
print(list[int].append is list.append, list[int].__name__, list[int].__qualname__)
print(list[int].__module__, list[int].__doc__ == list.__doc__)
print(dict[str, int].fromkeys("ab"))
try:
    list[int].nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    list[int].x = 1
except AttributeError as e:
    print(type(e).__name__, e)

# isinstance / issubclass
for f in (lambda: isinstance([], list[int]), lambda: issubclass(list, list[int])):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)

# __mro_entries__ and subclassing a parameterized builtin
class L(list[int]):
    pass
print(L.__bases__, L.__orig_bases__, L([1]), L[str])
print(list[int].__mro_entries__(()))

# dir
d = dir(list[int])
print("append" in d, "__origin__" in d, "__args__" in d, "__parameters__" in d)

# | with unions
print(list[int] | None, int | list[str], list[int] | dict[str, int])
print((list[int] | None).__args__)

# constructor
print(GA(list, int), GA(list, (int, str)), GA(dict, ()))
for args, kw in [((list,), {}), ((list, int, str), {}), ((list, int), {"x": 1}), ((), {})]:
    try:
        GA(*args, **kw)
    except TypeError as e:
        print(type(e).__name__, e)
class Sub(list):
    pass
print(Sub[int], Sub[int]([3]), type(Sub[int]([3])).__name__)
for cls in (list, dict, collections.deque, re.Pattern, Sub, collections.defaultdict):
    for args, kw in [((), {}), ((int, str), {}), ((int,), {"k": 1})]:
        try:
            cls.__class_getitem__(*args, **kw)
        except TypeError as e:
            print(type(e).__name__, e)
try:
    int[str]
except TypeError as e:
    print(type(e).__name__, e)

print(list[int].__unpacked__, list[int].__typing_unpacked_tuple_args__)
print(list[int].__class__)

# more: weakrefs, list arguments, errors from the origin's __setattr__, dir
a = list[int]
try:
    r = weakref.ref(a)
    print(r() is a)
except TypeError as e:
    print(type(e).__name__, e)
print(list[int] | typing.List[str])
print(list[[int]], dict[str, [int, str]])
try:
    hash(list[[int]])
except TypeError as e:
    print(type(e).__name__, e)
print(types.GenericAlias.__new__(types.GenericAlias, list, int))
print(list[int].__getitem__ is list.__getitem__ if hasattr(list, "__getitem__") else None)
print(repr(types.GenericAlias), types.GenericAlias.__name__, types.GenericAlias.__module__, types.GenericAlias.__qualname__)
class X2:
    __slots__ = ()
print(types.GenericAlias(X2, int)().__class__.__name__)
class Bad:
    def __setattr__(self, k, v):
        raise ValueError("no")
try:
    types.GenericAlias(Bad, int)()
except ValueError as e:
    print(type(e).__name__, e)
print(list[int] == list[int,], list[int, str] == list[(int, str)], tuple[()] == tuple[()])
print(sorted(x for x in dir(list[int]) if x.startswith("__o") or x.startswith("__typ")))
print(list[int].__reduce_ex__(2)[0].__name__)
try:
    list[int].__copy__
except AttributeError as e:
    print(type(e).__name__, e)
print(typing.List[int] == list[int], list[int].__subclasshook__ is list.__subclasshook__ if False else 1)
