# conditional expressions
for x in range(-2, 3):
    print(x, "neg" if x < 0 else "zero" if x == 0 else "pos")
a = 5
b = 10 if a > 3 else 20
print(b)
print([("even" if i % 2 == 0 else "odd") for i in range(5)])
f = lambda n: 1 if n <= 1 else n * f(n - 1)
print(f(10))
calls = []
def g(v):
    calls.append(v)
    return v
r = g("yes") if g(True) else g("no")
print(r, calls)
r = g("yes") if g(0) else g("no")
print(r, calls)
print((1 if True else 2) + (3 if False else 4))
print("x" if [] else "y", "x" if [0] else "y")
nested = (lambda t: "A" if t > 90 else ("B" if t > 80 else "C"))
print(nested(95), nested(85), nested(10))
