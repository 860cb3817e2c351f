# object(), id-free identity checks, len of various, bool(), Ellipsis, NotImplemented
o = object()
print(type(o).__name__, o is o, o == o, o != object(), isinstance(o, object))
try:
    o.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(bool(...), repr(...), repr(NotImplemented), type(NotImplemented).__name__)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None, type(None)() is None)
print(len("abc"), len(range(0, 100, 7)), len({"a": 1}), len(b"\x00\x01"))
print(int.__name__, callable(int), int("5") + int(5.7))
print(list(map(bool, [0, 1, "", "a", [], [0], None])))
print(str.lower("ABC"), list.__name__, dict.fromkeys("ab", 0))
print(divmod(17, 4), pow(2, 8), abs(-3), round(2.567, 1))
print(min(5, 2, 9), max("a", "B"), sum([0.1] * 3), sorted("cab"))
print(all([]), any([]), list(zip()), list(enumerate([])))
print(ascii("x"), repr("y"), str(3), format(3, "03"))
print(globals().get("o") is o, "__name__" in globals())
print(hasattr(__builtins__, "len") if not isinstance(__builtins__, dict) else "len" in __builtins__)
