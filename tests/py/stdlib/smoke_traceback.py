# traceback: format_exc, print_exception, format_exception_only,
# extract_tb/extract_stack, StackSummary and FrameSummary, chained exceptions,
# TracebackException, walk_tb.
import sys
import traceback


def inner(x):
    return 1 / x


def outer():
    return inner(0)


try:
    outer()
except ZeroDivisionError:
    text = traceback.format_exc()
    print(text.replace(__file__, "FILE"))
    etype, value, tb = sys.exc_info()
    frames = traceback.extract_tb(tb)
    print([(fs.name, fs.line) for fs in frames], len(frames), frames[-1].lineno)
    print([f.f_code.co_name for f, _ in traceback.walk_tb(tb)])
    print(traceback.format_exception_only(etype, value))
    print(traceback.format_exception_only(value))

try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("wrapped") from e
except ValueError as e:
    lines = traceback.format_exception(e)
    print("".join(lines).replace(__file__, "FILE"))
    te = traceback.TracebackException.from_exception(e)
    print(te.exc_type.__name__, str(te), te.__cause__.exc_type.__name__, len(te.stack))
    print(list(te.format_exception_only()))

try:
    try:
        raise OSError(2, "nope")
    except OSError:
        int("x")
except ValueError:
    out = traceback.format_exc(limit=0)
    print(out)


def where():
    return traceback.extract_stack(limit=2)


st = where()
print([f.name for f in st], type(st).__name__, st[-1].line)
ss = traceback.StackSummary.from_list([("a.py", 3, "fn", "x = 1"), ("b.py", 7, "g", None)])
print("".join(ss.format()), end="")
fs = traceback.FrameSummary("c.py", 9, "h", line="return 2")
print(fs, fs.filename, fs.lineno, fs.name, fs.line, list(fs))
print(traceback.format_exception_only(SyntaxError("bad", ("s.py", 1, 4, "a b c\n"))), end="\n")
print(traceback.format_list([("f.py", 1, "m", "pass")]))
try:
    raise ExceptionGroup("grp", [ValueError("v"), TypeError("t")])
except ExceptionGroup as eg:
    print(traceback.format_exception_only(eg), len(traceback.format_exception(eg)) > 3)
