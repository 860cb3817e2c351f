# async with: __aenter__/__aexit__, suppression, unwinding, errors.


def run(coro):
    try:
        r = coro.send(None)
        while True:
            print("  yielded", r)
            r = coro.send(None)
    except StopIteration as e:
        return e.value


class Tick:
    def __init__(self, what):
        self.what = what

    def __await__(self):
        yield self.what


class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    async def __aenter__(self):
        await Tick("enter " + self.name)
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, typ, val, tb):
        await Tick("exit " + self.name)
        print("exit", self.name, typ.__name__ if typ else None, val)
        return self.suppress


async def basic():
    async with CM("a") as v:
        print("body", v)
    async with CM("b"), CM("c") as w:
        print("body2", w)
    async with CM("d", suppress=True):
        raise ValueError("suppressed")
    print("after suppressed")
    return "done"


print(run(basic()))


async def propagates():
    async with CM("e"):
        raise KeyError("out")


try:
    run(propagates())
except KeyError as e:
    print(type(e).__name__, e)


async def unwinding():
    for i in range(3):
        async with CM("loop%d" % i):
            if i == 0:
                continue
            if i == 1:
                break
    async with CM("ret"):
        return "from with"


print(run(unwinding()))


# nested with try/finally
async def nested():
    try:
        async with CM("outer"):
            async with CM("inner"):
                raise ZeroDivisionError("deep")
    except ZeroDivisionError as e:
        print("caught", e)
    finally:
        print("finally")


run(nested())


# protocol errors
class NoAenter:
    async def __aexit__(self, *a):
        pass


class NoAexit:
    async def __aenter__(self):
        pass


class SyncCM:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


class BadEnter:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        pass


class BadExit:
    async def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class EnterRaises:
    async def __aenter__(self):
        raise RuntimeError("enter failed")

    async def __aexit__(self, *a):
        print("never")


async def use(cm):
    async with cm:
        print("in body")


for cm in [1, NoAenter(), NoAexit(), SyncCM(), BadEnter(), BadExit(), EnterRaises()]:
    try:
        run(use(cm))
    except Exception as e:
        print(type(e).__name__, e)


async def bad_exit_on_error():
    async with BadExit():
        raise ValueError("body")


try:
    run(bad_exit_on_error())
except TypeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)


# __aexit__ that raises replaces the exception
class ExitRaises:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *a):
        raise OSError("exit failed")


async def exit_raises():
    async with ExitRaises():
        raise ValueError("body")


try:
    run(exit_raises())
except OSError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
