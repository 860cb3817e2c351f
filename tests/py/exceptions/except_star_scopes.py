# except* in generators, closures, classes, with blocks; names that are
# globals, cells or nonlocals; sys.exit inside a clause
import sys

def gen():
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError as e:
        got = yield repr(e)
        yield "sent " + repr(got) + ", exc_info " + repr(sys.exc_info()[1])
    except* KeyError as k:
        yield repr(k)
g = gen()
print(next(g))
print(sys.exc_info())
print(g.send("x"))
print(list(g))

def closure():
    fs = []
    try:
        raise ExceptionGroup("c", [ValueError(1)])
    except* ValueError as e:
        fs.append(lambda: e)
    try:
        fs[0]()
    except NameError as err:
        print(type(err).__name__, err)
closure()

glob = "before"
def set_global():
    global glob
    try:
        raise TypeError("t")
    except* TypeError as glob:
        print("in clause", repr(glob))
set_global()
try:
    glob
except NameError as err:
    print(type(err).__name__, err)

def outer():
    n = 0
    def inner():
        nonlocal n
        try:
            raise OSError("o")
        except* OSError as n:
            pass
    inner()
    try:
        return n
    except NameError as err:
        return type(err).__name__ + ": " + str(err)
print(outer())

class C:
    try:
        raise ExceptionGroup("cls", [ValueError()])
    except* ValueError as e:
        caught = repr(e)
print(C.caught, hasattr(C, "e"))

class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("exit sees", t.__name__ if t else None, repr(v))
        return False
try:
    with Ctx():
        try:
            raise ExceptionGroup("w", [ValueError(1), TypeError(2)])
        except* ValueError:
            print("handled ValueError")
except* TypeError as t:
    print("outer", repr(t))

# comprehension and lambda inside a clause
try:
    raise ExceptionGroup("comp", [ValueError(i) for i in range(3)])
except* ValueError as e:
    print([x.args[0] for x in e.exceptions], (lambda: len(e.exceptions))())

# sys.exit in a clause: the SystemExit is wrapped, so it is reported, not obeyed
try:
    raise ExceptionGroup("exit", [ValueError()])
except* ValueError:
    sys.exit(3)
