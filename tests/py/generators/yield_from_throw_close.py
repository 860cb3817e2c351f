# throw() and close() on a generator suspended in `yield from` go to the
# sub-iterator first: a generator sub-iterator is thrown into, any other
# iterator gets its own throw()/close() called with throw()'s arguments.
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        return self.n
    def throw(self, *a):
        print("It.throw", [x if isinstance(x, (type, str, tuple)) else type(x).__name__ for x in a])
        if a[0] is ValueError or isinstance(a[0], ValueError):
            raise StopIteration("from-throw")
        if a[0] is KeyError:
            raise TypeError("converted")
        return 100
    def close(self):
        print("It.close")
class NoThrow:
    def __iter__(self): return self
    def __next__(self): return 0
class BadClose(It):
    def close(self):
        print("BadClose.close")
        raise ZeroDivisionError("in close")
def outer(src):
    try:
        r = yield from src
        print("outer got", r)
        yield "after"
    except Exception as e:
        print("outer caught", type(e).__name__, e)
        yield "handled"
    finally:
        print("outer finally")
def run(label, src, action):
    print("--", label)
    g = outer(src)
    print(next(g))
    try:
        print("->", action(g))
    except BaseException as e:
        print("raised", type(e).__name__, e)
    try: g.close()
    except BaseException as e: print("close raised", type(e).__name__, e)
run("throw inst", It(), lambda g: g.throw(IndexError("i")))
run("throw type+val", It(), lambda g: g.throw(IndexError, "i"))
run("throw type+tuple", It(), lambda g: g.throw(IndexError, ("a", "b")))
run("stop from throw", It(), lambda g: g.throw(ValueError("v")))
run("stop from throw t", It(), lambda g: g.throw(ValueError))
run("throw raises", It(), lambda g: g.throw(KeyError))
run("no throw", NoThrow(), lambda g: g.throw(IndexError("x")))
run("close", It(), lambda g: g.close())
run("badclose", BadClose(), lambda g: g.close())
run("badclose throw GE", BadClose(), lambda g: g.throw(GeneratorExit))
run("noclose", NoThrow(), lambda g: g.close())
def inner():
    try:
        yield 1
    except GeneratorExit:
        print("inner GE")
        yield 2
run("gen ignores GE", inner(), lambda g: g.close())
def inner2():
    try:
        yield 1
    except IndexError as e:
        return "ret-" + str(e)
run("gen returns on throw", inner2(), lambda g: g.throw(IndexError("q")))
run("send", It(), lambda g: g.send(5))


# A chain: outer -> middle (generator) -> It (not a generator).
def middle(src):
    r = yield from src
    print("middle got", r)
    return "middle-ret"


def top(src):
    r = yield from middle(src)
    print("top got", r)
    yield "top-after"


run("chain throw", It(), lambda g: g.throw(IndexError, "c"))
run("chain stop", It(), lambda g: g.throw(ValueError, "c"))
run("chain close", It(), lambda g: g.close())


class Running:
    def __iter__(self):
        return self

    def __next__(self):
        return 1

    def throw(self, *a):
        print("running during throw:", gen.gi_running)
        return 2


def holder():
    yield from Running()


gen = holder()
next(gen)
print(gen.throw(KeyError))
print(gen.gi_running)
gen.close()

try:
    raise IndexError("tb")
except IndexError as e:
    tb = e.__traceback__
g = outer(It())
next(g)
print(g.throw(IndexError, IndexError("with tb"), tb))
g.close()
