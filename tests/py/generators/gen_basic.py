# basic generators
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(101)))
g = count_up(3)
print(type(g).__name__, next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(list(g), next(g, "dflt"))
def lazy():
    print("started")
    yield "a"
    print("resumed")
    yield "b"
    print("finishing")
lg = lazy()
print("created")
for v in lg:
    print("got", v)
def empty():
    return
    yield
print(list(empty()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for f in fib():
    if f > 100:
        break
    out.append(f)
print(out)
it = iter(count_up(2))
print(it is iter(it))
