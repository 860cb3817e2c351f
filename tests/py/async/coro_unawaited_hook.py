# The "coroutine ... was never awaited" RuntimeWarning goes through
# warnings._warn_unawaited_coroutine as in CPython: a replacement that
# raises is reported as unraisable (with the coroutine) and the warning is
# still given; a missing helper gives the warning directly; an "error"
# filter makes the warning itself unraisable.  A coroutine whose iteration
# failed (`for x in coro()`) is dropped right away, inside the try.
import gc
import sys
import warnings


async def corofn():
    pass


def hook(u):
    print("  unraisable:", u.exc_type.__name__, type(u.object).__name__, u.object.__qualname__)


sys.unraisablehook = hook


def run(title):
    print(title)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        c = corofn()
        del c
        gc.collect()
        for x in w:
            print("  warning:", x.category.__name__, x.message)


orig = warnings._warn_unawaited_coroutine
run("default")
warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
run("helper raises")
warnings._warn_unawaited_coroutine = lambda coro: print("  helper called", coro.__qualname__)
run("helper replaced")
del warnings._warn_unawaited_coroutine
run("helper missing")
warnings._warn_unawaited_coroutine = orig
print("error filter")
with warnings.catch_warnings():
    warnings.simplefilter("error")
    c = corofn()
    del c


def outer():
    async def inner():
        pass

    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            for _ in inner():
                pass
        except TypeError as e:
            print("TypeError:", e, "| warnings so far:", [str(x.message) for x in w])


outer()
print("end")
