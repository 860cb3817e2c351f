# exceptions propagating through nested function calls
def level3(x):
    if x < 0:
        raise ValueError("negative: %d" % x)
    return x * 2
def level2(x):
    try:
        return level3(x) + 1
    finally:
        print("level2 cleanup", x)
def level1(x):
    result = level2(x)
    print("level1 got", result)
    return result
for v in (5, -3):
    try:
        print("final", level1(v))
    except ValueError as e:
        print("caught at top:", e)
def thrower(kind):
    raise kind("thrown " + kind.__name__)
handled = []
for kind in (KeyError, IndexError, TypeError, ZeroDivisionError):
    try:
        try:
            thrower(kind)
        except LookupError as e:
            handled.append(("lookup", type(e).__name__))
    except Exception as e:
        handled.append(("generic", type(e).__name__))
print(handled)
def gen_err():
    yield 1
    raise RuntimeError("from generator")
try:
    for v in gen_err():
        print("gen value", v)
except RuntimeError as e:
    print("caught", e)
def callback_runner(cb):
    return [cb(i) for i in range(3)]
try:
    callback_runner(lambda i: 10 // (i - 1))
except ZeroDivisionError as e:
    print(type(e).__name__, e)
