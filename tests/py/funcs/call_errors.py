# wrong call errors
def f(x):
    return x
def g(a, b):
    return a + b
five, text, nothing = 5, "s", None
def h(a, b=1, *, c):
    return a
tests = [
    lambda: f(),
    lambda: g(1),
    lambda: g(),
    lambda: g(1, 2, 3),
    lambda: f(1, 2),
    lambda: f(x=1, z=2),
    lambda: g(1, a=2),
    lambda: h(1, 2, 3, c=4),
    lambda: h(1),
    lambda: h(),
    lambda: (lambda: 0)(1),
    lambda: (lambda *a, k: 0)(1),
    lambda: f(**{"x": 1, "y": 2}),
    lambda: g(*[1], **{"a": 5}),
    lambda: len(),
    lambda: len(1, 2),
    lambda: abs(),
    lambda: five(),
    lambda: text(),
    lambda: nothing(),
]
for i, t in enumerate(tests):
    try:
        t()
        print(i, "no error")
    except TypeError as e:
        print(i, type(e).__name__, e)
