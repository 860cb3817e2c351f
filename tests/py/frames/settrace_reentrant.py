# sys.settrace() from the __del__ of the trace function it is replacing
# raises RuntimeError (reported as unraisable), sys.gettrace() there sees
# None, and the new function is installed; setprofile has no such check.
import sys


def foo(*a):
    pass


def bar(*a):
    pass


class A:
    def __call__(self, *a):
        pass

    def __del__(self):
        print("__del__: gettrace is None:", sys.gettrace() is None)
        try:
            sys.settrace(bar)
        except Exception as e:
            print("inner:", type(e).__name__, e)
            raise


def hook(u):
    print("unraisable:", u.exc_type.__name__, u.exc_value, u.object is A.__del__)


sys.unraisablehook = hook
sys.settrace(A())
sys.settrace(foo)
print("installed foo:", sys.gettrace() is foo)
sys.settrace(None)
print("after None:", sys.gettrace())
sys.setprofile(A())
sys.setprofile(foo)
print("profile foo:", sys.getprofile() is foo)
sys.setprofile(None)
