# The "Did you mean" hint of the exception report (sys.__excepthook__) for
# NameError (locals, globals, builtins) and AttributeError (dir(obj), also
# when a __getattr__ raises a bare AttributeError), as CPython 3.11 prints it.
import sys
def show(f):
    try:
        f()
    except BaseException as e:
        sys.__excepthook__(type(e), e, None if False else e.__traceback__)

class A:
    blech = None
def f1():
    noise = more_noise = a = bc = None
    blech = None
    print(bluch)
def f2(): A().bluch
def f3(): return prnt
class B:
    blech = None
    def __getattr__(self, attr):
        raise AttributeError()
def f4(): B().bluch
class C:
    def __getattribute__(self, attr):
        return A().blich
def f5(): C().something
def f6(): return Lis
def f7(): A().aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
for f in (f1, f2, f3, f4, f5, f6, f7):
    show(f)


def unbound():
    something = 3
    print(somethong)
    somethong = 3


try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, repr(e.name))
    show(unbound)
