# assignment expressions (walrus)
data = [1, 2, 3, 4, 5, 6]
if (n := len(data)) > 3:
    print("long", n)
print(n)
vals = [y for x in data if (y := x * x) > 10]
print(vals, y)
it = iter(data)
while (v := next(it, None)) is not None:
    print(v, end=" ")
print()
print((z := 10) + z)
def f():
    total = 0
    [total := total + i for i in range(5)]
    return total
print(f())
res = [(a, b) for a in range(3) if (b := a * 2) != 2]
print(res, b)
s = "hello world"
if (pos := s.find("o")) != -1:
    print("found at", pos)
print([w := 1, w + 1])
def g(x):
    return (y := x + 1) * y
print(g(4))
