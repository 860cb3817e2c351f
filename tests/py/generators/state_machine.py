# The generator state machine seen from one thread: gi_running,
# gi_suspended, gi_yieldfrom, re-entrant next/send/throw/close while
# running, close/throw/send on created, suspended and finished generators.
def show(label, g):
    print(label, g.gi_running, g.gi_suspended, g.gi_yieldfrom is not None)


def inner():
    yield 1
    yield 2
    return "inner done"


def outer():
    r = yield from inner()
    yield r


g = outer()
show("created", g)
print(next(g))
show("suspended in yield from", g)
print(g.send(None), next(g))
show("after yield from", g)
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
show("finished", g)
print(g.close())


def selfish():
    me = yield
    for op in ("next", "send", "throw", "close"):
        try:
            if op == "next":
                next(me)
            elif op == "send":
                me.send(1)
            elif op == "throw":
                me.throw(KeyError)
            else:
                me.close()
        except ValueError as e:
            print(op, type(e).__name__, e)
    print("running inside:", me.gi_running, me.gi_suspended)
    yield "end"


s = selfish()
next(s)
print(s.send(s))

c = selfish()
try:
    c.send(5)
except TypeError as e:
    print(type(e).__name__, e)
print(c.close(), c.gi_suspended)
try:
    next(c)
except StopIteration:
    print("closed before start: StopIteration")

t = outer()
try:
    t.throw(RuntimeError("early"))
except RuntimeError as e:
    print("thrown into created:", e)
try:
    next(t)
except StopIteration:
    print("then finished")


def guarded():
    try:
        yield 1
    finally:
        print("finally ran")


g2 = guarded()
next(g2)
print(g2.close())
try:
    g2.throw(ValueError("after close"))
except ValueError as e:
    print("throw after close:", e)


def raiser():
    yield 1
    raise StopIteration("x")


g5 = raiser()
next(g5)
try:
    next(g5)
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
print(g5.gi_running, g5.gi_suspended)
g6 = outer()
g6.__name__ = "renamed"
g6.__qualname__ = "q.renamed"
print(g6.__name__, g6.__qualname__)
