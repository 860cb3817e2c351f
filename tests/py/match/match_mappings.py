# Mapping patterns: dicts and subclasses, keys looked up with get(), **rest, runtime
# duplicate-key errors.

def m(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return "point %r %r" % (x, y)
        case {"type": "circle", "r": r, **rest}:
            return "circle %r rest=%r" % (r, sorted(rest.items()))
        case {"type": t}:
            return "typed %r" % (t,)
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"

for v in [{"type": "point", "x": 1, "y": 2}, {"type": "point", "x": 1},
          {"type": "circle", "r": 3, "color": "red", "z": 0}, {"type": "square"}, {},
          {1: 2}, [("type", "point")], "type", None]:
    print(v, "->", m(v))

class D(dict):
    pass
print(m(D(type="point", x=5, y=6)))

# get() is used, so __missing__ never runs
class Missing(dict):
    def __missing__(self, key):
        print("__missing__", key)
        return 0
match Missing(a=1):
    case {"a": 1, "b": b}:
        print("matched b", b)
    case {"a": a}:
        print("only a", a)

# a subclass overriding get
class Getter(dict):
    def get(self, key, default=None):
        print("get", key)
        return dict.get(self, key, default)
match Getter(x=1, y=2):
    case {"x": 1, "y": y}:
        print("y", y)

# rest is a new dict without the matched keys
d = {1: "a", 2: "b", 3: "c"}
match d:
    case {1: _, **others}:
        print(others, others is d, d)
match {}:
    case {**everything}:
        print("everything", everything)

# value-pattern keys
class K:
    one = 1
    two = 2
match {1: "x", 2: "y"}:
    case {K.one: a, K.two: b}:
        print(a, b)

# duplicate keys at run time (value patterns)
class Same:
    a = 1
    b = 1
try:
    match {1: 2, 3: 4}:
        case {Same.a: x, Same.b: y}:
            print("no")
except ValueError as e:
    print(type(e).__name__, e)
try:
    match {1: 2, 3: 4}:
        case {Same.a: x, 1: y}:
            print("no")
except ValueError as e:
    print(type(e).__name__, e)
# a missing key ends the lookup before the duplicate is seen
try:
    match {5: 2, 3: 4}:
        case {Same.a: x, Same.b: y}:
            print("no")
        case _:
            print("no duplicate error")
except ValueError as e:
    print(type(e).__name__, e)

# unhashable keys
class H:
    k = []
try:
    match {1: 2}:
        case {H.k: v}:
            print("no")
except TypeError as e:
    print(type(e).__name__, e)

# literal keys of several kinds
match {None: 1, True: 2, "s": 3, b"b": 4, -1: 5, 2.5: 6}:
    case {None: a, True: b, "s": c, b"b": d, -1: e, 2.5: f}:
        print(a, b, c, d, e, f)

# length check: fewer items than keys never calls get
match Getter(x=1):
    case {"x": 1, "y": 2}:
        print("no")
    case _:
        print("too short")
