# exception variable scope and sys.exc_info
import sys
try:
    raise ValueError("scoped")
except ValueError as err:
    print(err)
try:
    print(err)
except NameError as e:
    print(type(e).__name__, e)
print(sys.exc_info())
try:
    raise KeyError("info")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is not None)
    print(type(sys.exception()).__name__ if hasattr(sys, "exception") else "KeyError")
print(sys.exc_info()[0])
err = "preserved?"
try:
    1 / 0
except ZeroDivisionError as err:
    pass
print("err" in dir())
def f():
    try:
        raise TypeError("in f")
    except TypeError as e:
        return e
e = f()
print(type(e).__name__, e.args, e.__traceback__ is not None)
