# A generator suspended inside its own except block keeps the exception it
# handles (even when that is the very object its caller was handling when
# it threw it in); outside its except blocks it sees its caller's.  A
# generator lambda returns its value (StopIteration.value).
import sys

def store():
    try:
        print('a', sys.exc_info()[0])
        yield
    except Exception as exc:
        print('b', sys.exc_info()[0].__name__, exc.__context__)
        yield
        print('c', sys.exc_info()[0].__name__)
        yield
        raise
make = store()
next(make)
try:
    raise ValueError()
except Exception as exc:
    try:
        make.throw(exc)
    except Exception:
        pass
print('outer', sys.exc_info()[0])
next(make)
try:
    next(make)
except ValueError as e:
    print('raised', type(e).__name__, e.__context__)
print(sys.exc_info())

def after_handler():
    try:
        raise KeyError('k')
    except KeyError:
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]
g = after_handler()
try:
    raise TypeError
except TypeError:
    print(next(g))
print(next(g))
g = after_handler()
print(next(g))
try:
    raise IndexError
except IndexError:
    print(next(g))

def nested():
    try:
        raise KeyError
    except KeyError:
        try:
            raise OSError
        except OSError:
            yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]
print(list(nested()))

f = lambda: (yield 1)
def g(): return (yield 1)
f2 = lambda: (yield from g())
def g2(): return (yield from g())
f3 = lambda: (yield from f())
for gen_fun in (f, g, f2, g2, f3):
    gen = gen_fun()
    print(next(gen), end=' ')
    try:
        gen.send(2)
    except StopIteration as e:
        print(e.value)
print(list((lambda: (yield 5))()))
