# generator exhaustion and StopIteration in various consumers
def three():
    yield 1
    yield 2
    yield 3
g = three()
print(list(g), list(g), sum(g), max(g, default="empty"), next(g, "exhausted"))
g = three()
print(next(g), list(g))
g = three()
for x in g:
    if x == 2:
        break
print("after break", list(g))
g = three()
print(2 in g, list(g))
g = three()
print(sorted(g, reverse=True))
g = three()
a, b, c = g
print(a, b, c)
g = three()
try:
    a, b = g
except ValueError as e:
    print(type(e).__name__, e)
g = three()
print(dict(zip(g, "xyz")), list(zip(three(), three())))
g = three()
print(list(enumerate(g)), list(g))
print(any(three()), all(three()), len(list(three())))
print(list(map(lambda v: v * v, three())), list(filter(lambda v: v != 2, three())))
def empty():
    return
    yield
print(list(empty()), next(empty(), "nothing"), max(empty(), default=0))
try:
    next(empty())
except StopIteration as e:
    print("StopIteration", repr(e.value))
