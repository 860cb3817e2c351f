# except*: matching, wrapping of naked exceptions, the unmatched rest, binding
import sys

def run(raiser, label):
    print("--", label)
    try:
        try:
            raiser()
        except* ValueError as e:
            print("ValueError clause:", repr(e), type(e).__name__)
            print("  exc_info is e:", sys.exc_info()[1] is e)
        except* (TypeError, KeyError) as e:
            print("Type/Key clause:", repr(e))
        except* OSError:
            print("OSError clause (no name):", repr(sys.exc_info()[1]))
        else:
            print("else")
        finally:
            print("finally")
    except BaseException as rest:
        print("escaped:", type(rest).__name__, repr(rest))
    print("after: exc_info", sys.exc_info())

def raise_(e):
    def f():
        raise e
    return f

run(lambda: None, "nothing raised")
run(raise_(ValueError("naked")), "naked ValueError")
run(raise_(KeyError("k")), "naked KeyError")
run(raise_(ZeroDivisionError("z")), "naked unmatched")
run(raise_(ExceptionGroup("all", [ValueError(1), ValueError(2)])), "group, one clause")
run(raise_(ExceptionGroup("mix", [ValueError(1), TypeError(2), OSError(3), KeyError(4)])), "group, every clause")
run(raise_(ExceptionGroup("rest", [ValueError(1), ZeroDivisionError(2)])), "group with rest")
run(raise_(ExceptionGroup("none", [ZeroDivisionError(2)])), "group, nothing matches")
run(raise_(ExceptionGroup("nest", [ExceptionGroup("in", [ValueError(1), ArithmeticError()]), TypeError()])), "nested")
run(raise_(BaseExceptionGroup("base", [ValueError(1), KeyboardInterrupt()])), "base group rest")
run(raise_(KeyboardInterrupt()), "naked BaseException")

# the wrapper of a naked exception
try:
    raise ValueError("w")
except* ValueError as e:
    print(repr(e), e.message == "", e.__traceback__, e.exceptions[0].__traceback__ is not None)

# the name is unbound after the clause
try:
    raise ValueError()
except* ValueError as e:
    pass
try:
    e
except NameError as err:
    print(type(err).__name__, err)

def local_name():
    e = 1
    try:
        raise TypeError()
    except* TypeError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return type(err).__name__ + ": " + str(err)
print(local_name())

# a clause that does not match leaves the name alone
f = "kept"
try:
    raise ValueError()
except* TypeError as f:
    pass
except* ValueError:
    pass
print(f)

# except* on a subclass of a group's items, BaseException, tuple
try:
    raise ExceptionGroup("g", [FileNotFoundError(), PermissionError(), ValueError()])
except* OSError as e:
    print("OSError:", repr(e))
except* Exception as e:
    print("Exception:", repr(e))
try:
    raise ExceptionGroup("g", [ValueError()])
except* BaseException as e:
    print("BaseException:", repr(e))

# exceptions in loops, functions and nested try-star
def g(n):
    out = []
    for i in range(n):
        try:
            if i % 2:
                raise ExceptionGroup("odd", [ValueError(i), TypeError(i)])
            raise KeyError(i)
        except* ValueError as e:
            out.append(("V", e.exceptions[0].args[0]))
        except* TypeError:
            out.append("T")
        except* KeyError as e:
            out.append(("K", repr(e)))
    return out
print(g(4))
try:
    try:
        raise ExceptionGroup("o", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        try:
            raise ExceptionGroup("i", [KeyError(3)])
        except* KeyError as k:
            print("inner", repr(k), repr(sys.exc_info()[1]))
        print("outer after inner", repr(sys.exc_info()[1]))
except* TypeError as t:
    print("outermost", repr(t))

# break/continue inside a loop inside the clause are fine
try:
    raise ValueError()
except* ValueError:
    for i in range(5):
        if i == 1:
            continue
        if i == 3:
            break
        print("loop", i)
    def inner():
        return "return in a nested function"
    print(inner())
print(sys.exc_info())
