# uncaught exception raised while handling another
def cleanup(resource):
    raise RuntimeError("cleanup failed for " + resource)
def check(v):
    if v == 0:
        raise ZeroDivisionError("cannot divide by zero")
def process(values):
    try:
        for v in values:
            check(v)
        print("all values ok:", values)
    except ZeroDivisionError:
        print("division failed, cleaning up")
        cleanup("buffer")
process([1, 2, 5])
process([1, 0])
print("not reached")
