# getattr setattr hasattr delattr callable vars dir
class Box:
    kind = "box"
    def __init__(self):
        self.size = 3
        self.color = "red"
    def open(self):
        return "opened"
    def _hidden(self):
        pass
b = Box()
print(getattr(b, "size"), getattr(b, "kind"), getattr(b, "nope", "fallback"), getattr(b, "open")())
setattr(b, "weight", 10)
print(b.weight, hasattr(b, "weight"), hasattr(b, "open"), hasattr(Box, "size"))
delattr(b, "weight")
print(hasattr(b, "weight"))
print(callable(b.open), callable(Box), callable(b), callable(print), callable("s"), callable(lambda: 0))
print(vars(b), sorted(vars(b)))
print(sorted(n for n in dir(Box) if not n.startswith("__")))
print(sorted(n for n in dir(b) if not n.startswith("__")))
print(sorted(n for n in vars(Box) if not n.startswith("__")))
print("size" in dir(b), "kind" in dir(b), "open" in dir(Box))
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
names = ["size", "color"]
print([getattr(b, n) for n in names])
for n in names:
    setattr(b, n, None)
print(vars(b))
print(getattr(Box, "open")(b), getattr([1, 2], "count")(1), getattr("abc", "upper")())
