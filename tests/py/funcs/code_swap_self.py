# A function that replaces its own __code__ while running finishes with the
# old code; the next call runs the new one.
def f():
    f.__code__ = g.__code__
    return "old " + str(sum(range(10)))
def g():
    return "new"
print(f(), f())
