# Sequence patterns: lists, tuples, ranges and sequence subclasses match; str, bytes and
# dicts do not; star patterns; nesting.

def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return "one: %r" % (x,)
        case [x, y]:
            return "two: %r %r" % (x, y)
        case [first, *middle, last] if len(middle) > 2:
            return "long: %r %r %r" % (first, middle, last)
        case (a, b, *rest):
            return "at least three: %r %r %r" % (a, b, rest)
        case _:
            return "not a sequence: %r" % (v,)

for v in [[], (), [1], (1,), [1, 2], (1, 2), [1, 2, 3], (1, 2, 3, 4, 5, 6), range(4),
          range(0), "", "ab", b"ab", {1: 2}, {1, 2}, 5, None]:
    print(repr(v), "->", seq(v))

class MyList(list):
    pass
class MyTuple(tuple):
    pass
class MyStr(str):
    pass
print(seq(MyList([1, 2])), seq(MyTuple((3, 4))), seq(MyStr("ab")))

# star positions
for v in [[1], [1, 2], [1, 2, 3], [1, 2, 3, 4]]:
    match v:
        case [*init, 9]:
            print(v, "ends with 9", init)
        case [*init, last]:
            print(v, "init", init, "last", last)

for v in [(1, 2, 3, 4, 5), (1, 2), (1,)]:
    match v:
        case (1, *_, 4, x):
            print(v, "tail x =", x)
        case (*_, 2):
            print(v, "ends with 2")
        case [*_]:
            print(v, "any sequence")

# star binds a list even for tuple subjects
match (1, 2, 3):
    case (1, *rest):
        print(rest, type(rest).__name__)

# only wildcards: just the length check
for v in [[1, 2], [1, 2, 3], [1]]:
    match v:
        case [_, _]:
            print(v, "two items")
        case [_, _, *_]:
            print(v, "three or more")
        case _:
            print(v, "other")

# nesting
data = [("point", (1, 2)), ("line", [(0, 0), (3, 4)]), ("poly", [(0, 0), (1, 1), (2, 0)]),
        ("circle", 5)]
for item in data:
    match item:
        case ("point", (x, y)):
            print("point at", x, y)
        case ("line", [(x1, y1), (x2, y2)]):
            print("line from", x1, y1, "to", x2, y2)
        case ("poly", [first, *others]):
            print("polygon starting at", first, "with", len(others), "more")
        case (kind, _):
            print("unknown", kind)

# open sequence pattern at the top of a case
match 1, 2:
    case a, b:
        print("a", a, "b", b)
match [3, 4, 5]:
    case 3, *r:
        print("r", r)

# as-patterns
match [1, [2, 3]]:
    case [1, [2, _] as inner] as whole:
        print("inner", inner, "whole", whole)

# sequence subject with __getitem__ and __len__ only: not a sequence for patterns
class Fake:
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return i
match Fake():
    case [a, b]:
        print("Fake matched")
    case _:
        print("Fake is not a sequence")

# a list subclass whose __len__ lies
class Liar(list):
    def __len__(self):
        return 5
match Liar([1, 2]):
    case [a, b]:
        print("Liar matched", a, b)
    case _:
        print("Liar did not match")
