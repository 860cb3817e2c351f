# throw() and close() into coroutines, exception state, finally blocks.


class Fut:
    def __await__(self):
        v = yield "fut"
        return v


async def guarded():
    try:
        await Fut()
    except ValueError as e:
        print("caught", type(e).__name__, e)
        v = await Fut()
        return "recovered", v
    finally:
        print("finally runs")


c = guarded()
print(c.send(None))
print(c.throw(ValueError("boom")))
try:
    c.send(42)
except StopIteration as e:
    print("return", e.value)

c = guarded()
c.send(None)
try:
    c.throw(KeyError, KeyError("k"))
except KeyError as e:
    print("propagated", type(e).__name__, e)
print(c.cr_suspended, c.cr_running)

# throw with type and value
c = guarded()
c.send(None)
try:
    c.throw(TypeError, "tv")
except TypeError as e:
    print("TypeError", e)

# throw: bad arguments (into a coroutine that has not started: a suspended
# one would raise the TypeError inside its awaited iterator)
c = guarded()
for args in [(1,), (ValueError("x"), 1), ("str",)]:
    try:
        c.throw(*args)
    except TypeError as e:
        print(type(e).__name__, e)
c.close()

# throw into a just-created coroutine
c = guarded()
try:
    c.throw(ValueError("early"))
except ValueError as e:
    print("early", e)
try:
    c.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)

# close() runs finally blocks
c = guarded()
c.send(None)
print("close ->", c.close())
print("close again ->", c.close())

# close on a never-started coroutine
c = guarded()
print(c.close())

# coroutine ignored GeneratorExit
async def stubborn():
    try:
        await Fut()
    except GeneratorExit:
        await Fut()

c = stubborn()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print(type(e).__name__, e)
c.close()
try:
    c.close()
except RuntimeError as e:
    print(type(e).__name__, e)

# close() returning normally through an except that swallows GeneratorExit by returning
async def swallow():
    try:
        await Fut()
    except GeneratorExit:
        return "x"

c = swallow()
c.send(None)
print("swallow close", c.close())

# close() raising another exception
async def raiser():
    try:
        await Fut()
    finally:
        raise ZeroDivisionError("in finally")

c = raiser()
c.send(None)
try:
    c.close()
except ZeroDivisionError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)

# StopIteration raised inside a coroutine
async def stopper():
    raise StopIteration("si")

try:
    stopper().send(None)
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

# StopAsyncIteration inside a coroutine is not converted
async def stopasync():
    raise StopAsyncIteration("sai")

try:
    stopasync().send(None)
except StopAsyncIteration as e:
    print(type(e).__name__, e)

# sys.exc_info inside a suspended coroutine is restored on resume
import sys

async def excinfo():
    try:
        raise KeyError("inner")
    except KeyError:
        await Fut()
        print("resumed with", type(sys.exc_info()[1]).__name__)
    return sys.exc_info()[0]

c = excinfo()
c.send(None)
print("outside", sys.exc_info()[0])
try:
    c.send(None)
except StopIteration as e:
    print("end", e.value)

# coroutine already executing
async def selfsend():
    c.send(None)

c = selfsend()
try:
    c.send(None)
except ValueError as e:
    print(type(e).__name__, e)
