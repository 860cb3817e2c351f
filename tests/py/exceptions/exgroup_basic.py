# BaseExceptionGroup / ExceptionGroup: construction rules, attributes, str, repr
import sys

eg = ExceptionGroup("msg", [ValueError(1), TypeError("t")])
print(type(eg).__name__, eg.message, eg.exceptions, eg.args)
print(str(eg), repr(eg))
print(str(ExceptionGroup("one", (KeyError("k"),))))
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), issubclass(ExceptionGroup, Exception))
print(ExceptionGroup.__mro__)
print(BaseExceptionGroup.__mro__)
print(ExceptionGroup.__bases__, BaseExceptionGroup.__bases__)
print(BaseExceptionGroup.__doc__)
print(ExceptionGroup[int], BaseExceptionGroup[ValueError])

# BaseExceptionGroup picks ExceptionGroup when every item is an Exception
b = BaseExceptionGroup("b", [ValueError()])
print(type(b).__name__, repr(b))
b = BaseExceptionGroup("b", [ValueError(), KeyboardInterrupt()])
print(type(b).__name__, repr(b), isinstance(b, Exception))
b = BaseExceptionGroup("b", [SystemExit(2)])
print(type(b).__name__)
nested = ExceptionGroup("outer", [ExceptionGroup("inner", [OSError(2, "x")]), ValueError()])
print(repr(nested), str(nested))
print(repr(ExceptionGroup("s", "")) if False else "skip")

cases = [
    lambda: ExceptionGroup("a"),
    lambda: ExceptionGroup(),
    lambda: ExceptionGroup("a", [ValueError()], 3),
    lambda: ExceptionGroup(1, [ValueError()]),
    lambda: ExceptionGroup(None, [ValueError()]),
    lambda: ExceptionGroup("a", {ValueError()}),
    lambda: ExceptionGroup("a", {1: ValueError()}),
    lambda: ExceptionGroup("a", ValueError()),
    lambda: ExceptionGroup("a", []),
    lambda: ExceptionGroup("a", ()),
    lambda: ExceptionGroup("a", [ValueError(), 1]),
    lambda: ExceptionGroup("a", [ValueError]),
    lambda: ExceptionGroup("a", "abc"),
    lambda: ExceptionGroup("a", [KeyboardInterrupt()]),
    lambda: ExceptionGroup("a", [ValueError(), GeneratorExit()]),
    lambda: ExceptionGroup("a", [ValueError()], x=1),
    lambda: BaseExceptionGroup("a", [ValueError()], x=1),
    lambda: BaseExceptionGroup("a", [KeyboardInterrupt()], x=1),
]
for f in cases:
    try:
        r = f()
        print("ok", type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)

for attr in ("message", "exceptions"):
    try:
        setattr(eg, attr, "x")
    except AttributeError as e:
        print(type(e).__name__, e)
    try:
        delattr(eg, attr)
    except AttributeError as e:
        print(type(e).__name__, e)
eg.other = 5
print(eg.other)

# groups are raised and caught like any exception
try:
    raise ExceptionGroup("raised", [ValueError(1)])
except ExceptionGroup as e:
    print("caught", repr(e), e.exceptions[0].args, e.__traceback__ is not None)
try:
    raise BaseExceptionGroup("base", [KeyboardInterrupt()])
except Exception:
    print("wrong")
except BaseExceptionGroup as e:
    print("caught base", repr(e))

# subclasses
class MyEG(ExceptionGroup):
    pass
class MyBase(BaseExceptionGroup):
    pass
class WithInit(ExceptionGroup):
    def __init__(self, message, excs, code):
        super().__init__(message, excs)
        self.code = code
class WithNew(ExceptionGroup):
    def __new__(cls, message, excs, extra):
        self = super().__new__(cls, message, excs)
        self.extra = extra
        return self
    def __init__(self, *args):
        pass
m = MyEG("m", [ValueError()])
print(type(m).__name__, repr(m), str(m), isinstance(m, ExceptionGroup))
print(repr(MyBase("b", [ValueError()])), repr(MyBase("b", [KeyboardInterrupt()])))
try:
    MyEG("m", [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
try:
    w = WithInit("w", [ValueError()], 3)
    print(repr(w), w.code, w.message, w.args)
except Exception as e:
    print(type(e).__name__, e)
x = WithNew("n", [ValueError()], "ex")
print(repr(x), x.extra, x.message, x.exceptions)
print(sys.exc_info()[0])
