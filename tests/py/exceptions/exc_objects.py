# exception objects: args/str/repr, subclasses, OSError/SyntaxError/Unicode*Error fields, notes, chaining
e = ValueError("x", 2)
print(repr(e), str(e), e.args, repr(ValueError()), str(ValueError()), repr(ValueError("a")))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
class MyErr(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code
m = MyErr("boom", code=3)
print(repr(m), str(m), m.code, m.args, m.__dict__)
try:
    raise MyErr("x", 5)
except Exception as ex:
    print(type(ex).__name__, ex, ex.code, isinstance(ex, MyErr))
class NoInit(ValueError): pass
n = NoInit(1, 2)
print(repr(n), n.args, str(n))
print(SystemExit().code, SystemExit(3).code, SystemExit(1, 2).code)
print(StopIteration().value, StopIteration(5).value)
print(OSError(2, "No such file").errno, str(OSError(2, "No such file", "f.txt")), type(OSError(13, "x")).__name__)
print(str(OSError("plain")), OSError(1, 2, 3).args, FileNotFoundError(2, "x", "y").filename)
print(ImportError("no mod", name="m").name, str(ImportError("no mod", name="m")), ModuleNotFoundError("x").msg)
print(str(SyntaxError("bad", ("f.py", 1, 2, "x = ", 1, 3))), SyntaxError("m").lineno)
e = SyntaxError("bad", ("/p/f.py", 4, 2, "code"))
print(e.filename, e.lineno, e.offset, e.text, e.msg, e.end_lineno)
e = Exception()
e.args = (1, 2)
print(e.args, str(e))
e = Exception("with note")
e.add_note("note 1")
e.add_note("note 2")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as t:
    print(t)
try:
    ValueError(x=1)
except TypeError as t:
    print(t)
print(NameError("n", name="q").name, AttributeError("a", name="b", obj=1).obj)
c = ValueError("c")
e = TypeError("e")
e.__cause__ = c
print(e.__cause__ is c, e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__)
try:
    e.__cause__ = 5
except TypeError as t:
    print(t)
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise ValueError("v") from z
except ValueError as v:
    print(type(v.__cause__).__name__, type(v.__context__).__name__, v.__suppress_context__)
print(ValueError.__mro__, ValueError.__name__, ValueError.__module__, ValueError.__qualname__)
print(BaseException.__doc__, repr(ValueError.__doc__))
print(issubclass(MyErr, Exception), MyErr.__mro__)
e = ValueError("tb")
print(e.with_traceback(None) is e, e.__traceback__)
try:
    raise ValueError
except ValueError as v:
    print(repr(v), v.args)
try:
    raise MyErr
except TypeError as t:
    print(t)
class E2(Exception):
    def __str__(self): return "custom str"
print(str(E2()), repr(E2("a")))
try:
    raise E2()
except E2 as x:
    print(x)
print(BlockingIOError.__mro__[1].__name__, [c.__name__ for c in BrokenPipeError.__mro__])
err = OSError(17, "File exists")
print(type(err).__name__, err.strerror, err.filename)
class UD(UnicodeDecodeError): pass
print(repr(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")))
print(str(UnicodeEncodeError("ascii", "\u20ac", 0, 1, "ordinal not in range(128)")))
print(hash(ValueError) == hash(ValueError), ValueError == ValueError)
print(Exception("a") == Exception("a"))
