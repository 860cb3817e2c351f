# with statements and custom context managers
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("suppressed")
print("after suppressed")
try:
    with CM("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", e)
with CM("outer") as o, CM("inner") as i:
    print("nested body", o, i)
with CM("x"):
    with CM("y", suppress=True):
        1 / 0
    print("continues in x")
def early():
    with CM("ret"):
        return "returned"
print(early())
for n in range(2):
    with CM("loop%d" % n):
        if n == 0:
            continue
        print("n is", n)
class NoEnter:
    pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__)
