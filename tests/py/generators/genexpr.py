# generator expressions
g = (x * x for x in range(5))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(x for x in range(10) if x % 2), max(len(s) for s in ["a", "abc", "ab"]))
print(list((i, j) for i in range(3) for j in range(i)))
print(sorted(c for c in "generator"), "".join(c.upper() for c in "abc"))
print(any(x > 3 for x in [1, 5]), all(x for x in []), min((x for x in [3, 1]), default=0))
def counted(n):
    for i in range(n):
        print("producing", i)
        yield i
g2 = (v * 10 for v in counted(3))
print("generator created")
print(next(g2))
print(list(g2))
data = [1, 2, 3]
g3 = (x for x in data)
data.append(4)
print(list(g3))
x = 10
g4 = (x + i for i in range(3))
x = 20
print(list(g4))
nested = ((i * j for j in range(3)) for i in range(3))
print([list(n) for n in nested])
print(dict((k, len(k)) for k in ["aa", "b"]), set(n % 3 for n in range(10)))
print(tuple(i for i in range(3)), list(zip((a for a in "ab"), (b for b in range(5)))))
try:
    (1 / x for x in [1, 0]).__next__()
    print("lazy: first element fine")
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print(type(e).__name__, e)
