# comprehension scoping: loop variable does not leak
x = "outer"
lst = [x for x in range(3)]
print(x, lst)
y = 10
print([y + i for i in range(3)])
i = "keep"
s = {i for i in range(3)}
print(i, sorted(s))
d = {k: k for k in "ab"}
print("k" in dir(), d)
g = list(j for j in range(2))
print("j" in dir(), g)
def f():
    n = 5
    return [n * m for m in range(3)]
print(f())
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled, hasattr(C, "v"))
funcs = [lambda: i for i in range(3)]
print([fn() for fn in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([fn() for fn in funcs2])
a = [1, 2, 3]
print([a for a in a])
print(a)
