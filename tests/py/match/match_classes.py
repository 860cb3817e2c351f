# Class patterns: isinstance, __match_args__, keyword sub-patterns, builtins matching
# themselves, and CPython's TypeErrors.

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return "on the y axis at %r" % (y,)
        case Point(x, 0):
            return "on the x axis at %r" % (x,)
        case Point3(x, y, z=0):
            return "3d on the plane %r %r" % (x, y)
        case Point(x=x, y=y) if x == y:
            return "diagonal %r" % (x,)
        case Point():
            return "somewhere"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point3(1, 2, 0), Point(4, 4), Point(1, 2),
          Point3(1, 2, 3), "point", None]:
    print(where(p))

# missing attributes make the pattern fail quietly
class Empty:
    __match_args__ = ("a",)
match Empty():
    case Empty(a):
        print("has a", a)
    case Empty(b=b):
        print("has b", b)
    case Empty():
        print("empty")

# builtins that match themselves with one positional pattern
for v in [True, 5, 2.5, "s", b"b", [1], (1,), {1: 2}, {1}, frozenset({2}), None]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x)
        case float(x):
            print("float", x)
        case str(x):
            print("str", x)
        case bytes(x):
            print("bytes", x)
        case list(x):
            print("list", x)
        case tuple(x):
            print("tuple", x)
        case dict(x):
            print("dict", x)
        case set(x):
            print("set", x)
        case frozenset(x):
            print("frozenset", x)
        case object():
            print("object", v)

# subclasses keep it unless they define __match_args__
class MyInt(int):
    pass
match MyInt(7):
    case MyInt(x):
        print("MyInt self", x, type(x).__name__)
class MyInt2(int):
    __match_args__ = ("doubled",)
    @property
    def doubled(self):
        return int(self) * 2
match MyInt2(8):
    case MyInt2(r):
        print("MyInt2 doubled", r)

# keyword patterns on builtins
match 3:
    case int(real=3, imag=0):
        print("real 3")

# dotted class names
class ns:
    Point = Point
match Point(1, 1):
    case ns.Point(a, b):
        print("ns.Point", a, b)

# errors
def err(subject, f):
    try:
        f(subject)
    except TypeError as e:
        print(type(e).__name__, e)

def too_many(s):
    match s:
        case Point(1, 2, 3):
            pass
err(Point(1, 2), too_many)

def int_two(s):
    match s:
        case int(1, 2):
            pass
err(1, int_two)

class NoArgs:
    pass
def no_args(s):
    match s:
        case NoArgs(1):
            pass
err(NoArgs(), no_args)
# not an instance: no error, the pattern fails first
err(5, no_args)

class BadArgs:
    __match_args__ = ["a"]
def bad_args(s):
    match s:
        case BadArgs(1):
            pass
err(BadArgs(), bad_args)

class BadElem:
    __match_args__ = ("a", 1)
    a = 5
def bad_elem(s):
    match s:
        case BadElem(5, 2):
            pass
err(BadElem(), bad_elem)

def repeated(s):
    match s:
        case Point(1, x=2):
            pass
err(Point(1, 2), repeated)

class NotAType:
    x = 1
def not_a_type(s):
    match s:
        case NotAType.x():
            pass
err(1, not_a_type)

# __match_args__ may list fewer names than given only as an error; a shorter tuple is fine
class One:
    __match_args__ = ("a", "b")
    a = 1
match One():
    case One(1):
        print("One(1)")

# getattr errors other than AttributeError propagate
class Boom:
    __match_args__ = ("v",)
    @property
    def v(self):
        raise KeyError("boom")
try:
    match Boom():
        case Boom(1):
            pass
except KeyError as e:
    print("KeyError", e)

# __getattr__ is consulted
class Dyn:
    def __getattr__(self, name):
        if name == "magic":
            return 42
        raise AttributeError(name)
match Dyn():
    case Dyn(magic=m, other=o):
        print("no")
    case Dyn(magic=m):
        print("magic", m)

# isinstance goes through __instancecheck__
class Meta(type):
    def __instancecheck__(cls, inst):
        return inst == "anything"
class Any(metaclass=Meta):
    pass
match "anything":
    case Any():
        print("Any matched via __instancecheck__")
