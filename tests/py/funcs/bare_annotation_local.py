# A bare annotation `x: int` in a function makes x local (not assigned):
# reading it first is UnboundLocalError; `(x): int` does not.
def show(f):
    try:
        print(f.__name__, f())
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
x = "global"
def bare():
    print(x)
    x: int
def bare_paren():
    print(x)
    (x): int
def later():
    x: int
    x = 3
    return x
def cl():
    x: int
    def inner():
        return x
    return inner()
def anno():
    y: str
    return "ok"
def nodel():
    x: int
    del x
show(bare); show(bare_paren); show(later); show(cl); show(anno); show(nodel)
print(bare.__code__.co_varnames)
class C:
    x: int
    print("class x", x)
    z: int
    try:
        print(z)
    except NameError as e:
        print(type(e).__name__, e)
print(C.__annotations__)
z: float
try:
    print(z)
except NameError as e:
    print(type(e).__name__, e)
print(__annotations__)
for src in ("def f():\n  x: int\n  global x", "def f():\n  x: int\n  nonlocal x", "def f():\n  global x\n  x: int", "def g():\n  x=1\n  def f():\n    nonlocal x\n    x: int"):
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e)
def f():
    x = 1
    class C:
        x: int
        try:
            print(x)
        except NameError as e:
            print(type(e).__name__, e)
        def m(self): return x
    return C().m()
print(f())
