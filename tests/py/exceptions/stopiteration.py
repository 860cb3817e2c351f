# StopIteration behavior
it = iter([1, 2])
print(next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e), e.value, e.args)
print(next(it, "default"), next(iter(""), None))
def gen():
    yield 1
    return "retval"
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("gen returned", repr(e.value), e.args)
try:
    next(g)
except StopIteration as e:
    print("exhausted again", e.value)
def bad_gen():
    yield 1
    raise StopIteration("inside")
try:
    list(bad_gen())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration(99)
print(list(It()))
try:
    next(5)
except TypeError as e:
    print(type(e).__name__, e)
def loop_with_manual_next():
    it = iter("abc")
    out = []
    while True:
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out
print(loop_with_manual_next())
