# functions as first-class objects: stored in containers, compared, passed, attributes
def square(n):
    return n * n
def cube(n):
    return n ** 3
funcs = [square, cube, abs]
print([f(-3) for f in funcs])
table = {f.__name__: f for f in funcs}
print(sorted(table), table["cube"](2))
print(square == square, square != cube, square is table["square"])
alias = square
del square
print(alias(9), alias.__name__)
def make_multiplier(k):
    def mul(x):
        return x * k
    mul.k = k
    mul.__doc__ = "multiply by %d" % k
    return mul
m3 = make_multiplier(3)
print(m3(5), m3.k, m3.__doc__, make_multiplier(4).__qualname__)
def apply_all(fs, v):
    return [f(v) for f in fs]
print(apply_all([make_multiplier(i) for i in range(4)], 10))
print(callable(m3), type(m3).__name__, hasattr(m3, "__call__"))
def default_func(f=lambda: "default lambda"):
    return f()
print(default_func(), default_func(lambda: "given"))
ops = [(lambda a, b: a + b, "+"), (lambda a, b: a - b, "-")]
for fn, sym in ops:
    print(7, sym, 2, "=", fn(7, 2))
print(sorted([cube, alias], key=lambda f: f.__name__)[0].__name__)
def recursive_ref(n):
    return 1 if n == 0 else n * recursive_ref(n - 1)
r = recursive_ref
print(r(5))
