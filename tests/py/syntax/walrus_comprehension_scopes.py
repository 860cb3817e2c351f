# Walrus in comprehensions: the target binds in the enclosing function (global
# there when declared global) or module; CPython's SyntaxErrors for class
# bodies, iterable expressions (also inside a lambda or comprehension there),
# rebinding iteration variables, and a later loop rebinding a walrus target.
srcs = [
    "[i for i in range(5) if (j := 0) for j in range(5)]",
    "[(j := 0) for i in range(5) for j in range(5)]",
    "[x for x in (y := [1])]",
    "[x for x in [1] for z in (y := [1])]",
    "[x for x in [1] if (x := 1)]",
    "[(lambda: (x := 1)) for x in [1]]",
    "[x for x in (lambda: (y := [1]))()]",
    "[x for x in [(y := 1) for q in [1]]]",
    "[[(y := 1) for q in [1]] for x in [1]]",
    "def f():\n  global gg\n  [gg := 3 for i in range(1)]\n",
    "def f():\n  [gg := 3 for i in range(1)]\n  global gg\n",
    "def f():\n  x = 1\n  def g():\n    nonlocal x\n    [x := 3 for i in range(1)]\n",
    "class C:\n  [y := 1 for i in range(3)]",
    "class C:\n  [[y := 1 for i in range(3)] for j in range(2)]",
    "class C:\n  def m(self):\n    [y := 1 for i in range(3)]",
    "class C:\n  x = [i for i in (y := [1])]",
    "[(y := 1) for y in [1]]",
    "{(k := 1): v for k, v in []}",
    "[i := 0 for i, j in []]",
    "[j := 0 for i, (j, k) in []]",
    "[(a.b := 1) for i in []]",
    "lambda: [(y := 1) for i in []]",
    "[(__debug__ := 1) for i in []]",
]
for src in srcs:
    try:
        compile(src, "<s>", "exec")
        print("ok:", src.replace("\n", "|"))
    except SyntaxError as e:
        print(type(e).__name__, e, e.lineno, e.offset, e.end_lineno, e.end_offset)
g = {}
exec("def f():\n  global gg\n  [gg := 3 for i in range(1)]\n  return gg\nr = f()", g)
print(g["r"], g["gg"])
def outer():
    x = 0
    def inner():
        nonlocal x
        [(x := i) for i in range(3)]
        return x
    return inner(), x
print(outer())
print([y := i for i in range(3)], y)
print([[(z := j) for j in range(i)] for i in range(3)], z)
exec(compile("[w := i for i in range(3)]\n", "<s>", "single"))
print(w)
print(any((hit := x) > 1 for x in [1, 2, 3]), hit)


class K:
    def m(self):
        return [(k := i) for i in range(2)], k


print(K().m())
print({i: (r := i) for i in range(3)}, r)
print({(kk := i): i for i in range(3)}, kk)
print(list((s := i) for i in range(3)), s)


def gen():
    yield [(t := i) for i in range(2)]
    yield t


print(list(gen()))
print([(c := i) for i in range(2) if (d := i)], c, d)
print([i for i in range(3) if (e := i) > 5], e)
print(eval("[a := 5 for i in range(1)]"), a)
g = {}
l = {}
exec("[q := 1 for i in [1]]\nprint(q)", g, l)
print(sorted(l), g["q"])
