# Literal, singleton, value, capture and wildcard patterns; or-patterns and guards.

def classify(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1.5 | -2.5:
            return "a float literal"
        case 0x10 | 0o17 | 0b11:
            return "a based int"
        case "hello" | 'wor' "ld":
            return "a greeting"
        case b"bytes":
            return "bytes"
        case None:
            return "None"
        case True:
            return "True"
        case False:
            return "False"
        case int(n) if n > 1000:
            return "big %r" % (n,)
        case _:
            return "other %r" % (x,)

for v in [0, 0.0, -1, 1.5, -2.5, 16, 15, 3, "hello", "world", b"bytes", "bytes", None,
          True, 1, False, 5000, 7, [], 1.0]:
    print(repr(v), "->", classify(v))

# True/False/None match by identity, numbers by equality
match 1:
    case True:
        print("1 is True?")
    case 1:
        print("1 == 1")
match 0.0:
    case False:
        print("0.0 is False?")
    case 0:
        print("0.0 == 0")

class Color:
    RED = 1
    GREEN = 2
    class Inner:
        BLUE = 3

def color(c):
    match c:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case Color.Inner.BLUE:
            return "blue"
        case other:
            return "unknown " + str(other)

for c in [1, 2, 3, 4]:
    print(c, color(c))

# value patterns look the attribute up each time
Color.RED = 4
print(4, color(4))

# __eq__ of the subject decides
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print("  __eq__", self.v, other)
        return self.v == other
match Eq(2):
    case 1:
        print("one")
    case 2:
        print("two")

# a truthy non-bool __eq__ result counts
class Weird:
    def __eq__(self, other):
        return "yes"
match Weird():
    case 42:
        print("Weird matched 42")

# guards see the captured names; a failing guard leaves them bound
def guarded(v):
    match v:
        case x if x < 0:
            r = "negative"
        case x if x % 2:
            r = "odd"
        case x:
            r = "even"
    return r, x

for v in [-3, 5, 4]:
    print(v, guarded(v))

match 10:
    case y if y > 100:
        print("big")
    case _:
        print("fallback, y =", y)

# a failed pattern binds nothing
def unbound():
    match [1, 2]:
        case [a, 3]:
            pass
        case _:
            pass
    try:
        print(a)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
unbound()

# or-patterns bind the same names from any alternative
def alt(v):
    match v:
        case [x, 0] | [0, x] | (x, "z"):
            return x
    return "no match"
for v in [[5, 0], [0, 6], (7, "z"), [1, 1], "ab"]:
    print(v, alt(v))

# the subject is evaluated once
def subject():
    print("subject evaluated")
    return 3
match subject():
    case 1:
        pass
    case 2:
        pass
    case 3:
        print("three")

# walrus in the guard and in the subject
match (n := 5):
    case 5 if (m := n * 2) > 5:
        print("n", n, "m", m)

# no case matches: nothing happens
match 99:
    case 1:
        print("unreachable")
print("done")
