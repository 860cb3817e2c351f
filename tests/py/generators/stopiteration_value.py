# The value of a StopIteration raised by an iterator's __next__ reaches the
# consumer: `yield from` returns it, next() and the enumerate/zip/map/filter
# wrappers keep its args; a generator's return value is StopIteration.args.


class It:
    def __init__(self, n, value):
        self.n = n
        self.value = value

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration(self.value)
        self.n -= 1
        return self.n


class MyStop(StopIteration):
    pass


class SubIt:
    def __iter__(self):
        return self

    def __next__(self):
        raise MyStop(5)


def deleg(src):
    r = yield from src
    print("delegation returned", repr(r))


print(list(deleg(It(2, 99))))
print(list(deleg(It(0, "v"))))
print(list(deleg(It(1, None))))
print(list(deleg(SubIt())))
print(list(deleg(iter([1, 2]))))


class Bare:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


print(list(deleg(Bare())))


# A StopIteration subclass raised inside a generator is still PEP 479's error.
def raises_sub():
    yield 1
    raise MyStop(7)


def wraps():
    try:
        r = yield from raises_sub()
        print("ret", r)
    except Exception as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)


print(list(wraps()))


def show(label, f):
    try:
        print(label, f())
    except StopIteration as e:
        print(label, type(e).__name__, e.args, repr(e.value))
    except Exception as e:
        print(label, type(e).__name__, e)


show("next", lambda: next(It(0, 42)))
show("next default", lambda: next(It(0, 42), "dflt"))
show("dunder", lambda: It(0, 42).__next__())
show("next sub", lambda: next(SubIt()))
show("enumerate", lambda: next(enumerate(It(0, 42))))
show("enumerate dunder", lambda: enumerate(It(0, 42)).__next__())
show("zip", lambda: next(zip([1], It(0, 42))))
show("zip first", lambda: next(zip(It(0, 43), [1])))
show("zip strict", lambda: next(zip(It(0, 42), [1], strict=True)))
show("zip strict short", lambda: list(zip([1], It(0, 42), strict=True)))
show("zip strict equal", lambda: list(zip(It(1, 42), [7], strict=True)))
show("map", lambda: next(map(str, It(0, 42))))
show("map two", lambda: next(map(max, [1], It(0, 44))))
show("filter", lambda: next(filter(None, It(0, 42))))
show("iter", lambda: next(iter(It(0, 42))))
show("reversed", lambda: next(reversed([])))


def stop_with(x):
    raise StopIteration(x)


show("map func", lambda: next(map(stop_with, [3])))
show("filter func", lambda: next(filter(stop_with, [3])))
show("list map func", lambda: list(map(stop_with, [1, 2])))
show("list filter func", lambda: list(filter(stop_with, [1, 2])))
show("calliter", lambda: next(iter(lambda: stop_with(4), 1)))


class Seq:
    def __getitem__(self, i):
        raise StopIteration(9)


show("seqiter", lambda: next(iter(Seq())))


def returns():
    yield 1
    return 5


def exhausted(f):
    it = f(returns())
    next(it)
    return next(it)


show("gen", lambda: exhausted(lambda g: g))
show("gen enumerate", lambda: exhausted(enumerate))
show("gen map", lambda: exhausted(lambda g: map(str, g)))
show("gen dunder", lambda: exhausted(lambda g: g).__next__())

# Consumers still just stop.
print(list(It(3, 1)), list(enumerate(It(2, 1))), list(zip(It(2, 1), It(3, 2))))
print(sorted(It(3, 1)), tuple(It(2, 1)), set(It(2, 1)), dict(zip(It(2, 1), It(2, 1))))
print(sum(It(4, 1)), max(It(3, 1)), any(It(2, 1)), "".join(map(str, It(3, 1))))
print([x for x in It(2, 1)], list(returns()), [x for x in enumerate(returns())])
a, b = It(2, 1)
print(a, b)
try:
    a, b, c = It(2, 1)
except ValueError as e:
    print(type(e).__name__, e)
for x in It(1, "ignored"):
    print("for", x)
