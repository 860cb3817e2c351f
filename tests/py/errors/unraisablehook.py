# sys.unraisablehook: errors in __del__ and in the "never awaited" warning
# go to it with CPython's UnraisableHookArgs.
import sys
import warnings

seen = []


def hook(u):
    seen.append(u)


class U:
    def __del__(self):
        raise ValueError("in del")


print(sys.unraisablehook is sys.__unraisablehook__, callable(sys.unraisablehook))
sys.unraisablehook = hook
u = U()
del u
sys.unraisablehook = sys.__unraisablehook__
a = seen.pop()
print(type(a).__name__, a.exc_type.__name__, a.exc_value, type(a.exc_traceback).__name__)
print(a.err_msg, a.object is U.__del__, len(a), a[0] is a.exc_type)


async def coro():
    pass


sys.unraisablehook = hook
with warnings.catch_warnings():
    warnings.simplefilter("error")
    coro()
sys.unraisablehook = sys.__unraisablehook__
a = seen.pop()
print(a.exc_type.__name__, a.exc_value, type(a.object).__name__, a.object.__qualname__)
for bad in (1, None):
    try:
        sys.unraisablehook(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    sys.unraisablehook()
except TypeError as e:
    print(type(e).__name__)
print(seen)
