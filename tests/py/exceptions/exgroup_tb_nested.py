# An uncaught group: boxed sub-exceptions with their own tracebacks, chains
# (cause and context) inside the boxes, nested groups, a group as a cause
def fail(exc):
    raise exc

def collect(*excs):
    caught = []
    for e in excs:
        try:
            fail(e)
        except BaseException as err:
            caught.append(err)
    return caught

def with_cause():
    try:
        {}["missing"]
    except KeyError as k:
        raise ValueError("from key") from k

def with_context():
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("during")

chained = []
for f in (with_cause, with_context):
    try:
        f()
    except Exception as e:
        chained.append(e)

def rec(n):
    if n == 0:
        raise RecursionError("deep")
    rec(n - 1)
try:
    rec(6)
except RecursionError as e:
    chained.append(e)

try:
    compile("x = (", "<bad>", "exec")
except SyntaxError as e:
    chained.append(e)

inner = ExceptionGroup("inner", collect(OSError(2, "no file"), KeyError("k")))
try:
    fail(inner)
except ExceptionGroup as e:
    inner = e

cause_group = ExceptionGroup("cause group", [ValueError("c1"), ValueError("c2")])

def top():
    try:
        raise cause_group
    except ExceptionGroup as cg:
        raise ExceptionGroup("top", collect(IndexError("i")) + chained + [inner, ValueError("plain")]) from cg

top()
