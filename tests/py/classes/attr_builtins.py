# getattr/setattr/hasattr/delattr/vars and AttributeError messages
class A:
    cls_attr = "class"
    def __init__(self):
        self.x = 1
a = A()
print(getattr(a, "x"), getattr(a, "y", "default"), getattr(a, "cls_attr"))
setattr(a, "y", 2)
print(a.y, hasattr(a, "y"), hasattr(a, "z"), hasattr(A, "cls_attr"))
delattr(a, "y")
print(hasattr(a, "y"), vars(a))
for expr in ["a.nope", "A.nope", "(5).nope", "'s'.nope", "None.nope", "[].nope"]:
    try:
        eval_target = {"a.nope": lambda: a.nope, "A.nope": lambda: A.nope,
                       "(5).nope": lambda: (5).nope, "'s'.nope": lambda: "s".nope,
                       "None.nope": lambda: None.nope, "[].nope": lambda: [].nope}[expr]
        eval_target()
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    getattr(a, "missing")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(a, "missing")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (5).x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(a, 5)
except TypeError as e:
    print(type(e).__name__, e)
print(vars(a) is a.__dict__, a.__dict__)
a.__dict__["direct"] = "via dict"
print(a.direct)
setattr(A, "added", lambda self: "method added later")
print(a.added())
print(sorted(n for n in dir(A) if not n.startswith("__")))
