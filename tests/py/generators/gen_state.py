# generator state across loops, close, throw
def stateful():
    print("  [setup]")
    try:
        for i in range(5):
            yield i
    finally:
        print("  [cleanup]")
g = stateful()
for v in g:
    print("first loop", v)
    if v == 1:
        break
for v in g:
    print("second loop", v)
    if v == 3:
        break
g.close()
print("after close", list(g))
g2 = stateful()
print(next(g2))
g2.close()
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught inside:", e)
            yield "recovered"
c = catcher()
print(next(c))
print(c.throw(ValueError("injected")))
print(next(c))
try:
    c.throw(KeyError("unhandled"))
except KeyError as e:
    print("propagated", e)
print(next(c, "closed after error"))
def closing():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
cl = closing()
next(cl)
cl.close()
print("done")
