# lambda expressions
sq = lambda x: x * x
print(sq(7), (lambda: "no args")(), (lambda a, b=2: a + b)(1))
print((lambda *a, **k: (a, k))(1, 2, z=3))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
print(list(map(lambda x: x + 1, [1, 2])), list(filter(lambda x: x % 2, range(7))))
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(3))
print(sq.__name__, (lambda: 0).__name__)
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[o](6, 3) for o in "+-*"])
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
fact = lambda n: 1 if n == 0 else n * fact(n - 1)
print(fact(12))
pairs = [(1, "one"), (3, "three"), (2, "two")]
pairs.sort(key=lambda p: p[1])
print(pairs)
print(max(pairs, key=lambda p: p[0]), min(pairs, key=lambda p: len(p[1])))
y = 10
f = lambda x, y=y: x + y
y = 100
print(f(1))
print((lambda x: (lambda y: x * y))(3)(4))
