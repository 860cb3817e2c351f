# yield as an expression in various positions
def g():
    x = yield 1
    print("x =", x)
    y = (yield x) * 2
    print("y =", y)
    z = [(yield y), (yield "second in list")]
    print("z =", z)
    return "done"
it = g()
print(next(it))
print(it.send("A"))
print(it.send(21))
print(it.send("p"))
try:
    it.send("q")
except StopIteration as e:
    print("returned", e.value)
def yields_none():
    v = yield
    print("received", v)
    yield
gn = yields_none()
print(next(gn))
print(gn.send("hello"))
def in_condition():
    while (yield "waiting") != "stop":
        print("not stopping")
    print("stopped")
ic = in_condition()
print(next(ic))
print(ic.send("go"))
try:
    ic.send("stop")
except StopIteration:
    print("generator finished")
def multiple_values():
    a, b = yield "pair please"
    yield a + b
mv = multiple_values()
print(next(mv), mv.send((3, 4)))
