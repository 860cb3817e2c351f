# yield from with return values
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    result = yield from inner()
    print("inner returned", result)
    yield 3
    return "outer done"
g = outer()
print(list(g))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x * x for x in range(3)))))
def tree(node):
    if isinstance(node, list):
        for child in node:
            yield from tree(child)
    else:
        yield node
print(list(tree([1, [2, [3, 4], [[5]]], 6])))
def delegate():
    total = yield from summer()
    yield "total=%d" % total
def summer():
    s = 0
    while True:
        v = yield
        if v is None:
            return s
        s += v
d = delegate()
next(d)
for v in (1, 2, 3):
    d.send(v)
print(d.send(None))
def ret_only():
    return "no yields"
    yield
def wrapper():
    r = yield from ret_only()
    yield r
print(list(wrapper()))
def depth(n):
    if n:
        yield n
        yield from depth(n - 1)
print(list(depth(5)))
