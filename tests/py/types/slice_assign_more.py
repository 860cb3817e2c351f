# slice assignment with iterables, extended slices, and negative indices
a = list(range(10))
a[2:5] = "xyz"
print(a)
a[::3] = range(4)
print(a)
a[-3:] = (7, 8)
print(a)
a[:0] = [-1]
print(a)
a[len(a):] = iter([100, 200])
print(a)
a[1:-1] = []
print(a)
b = list(range(6))
b[5:1:-2] = ["p", "q"]
print(b)
c = [1, 2, 3]
c[1:2] = c
print(c)
d = list("abcdef")
del d[-2:]
del d[:1]
print(d)
e = list(range(20))
del e[::4]
print(e)
del e[1::2]
print(e)
f = [0] * 5
f[1:4] = [9] * 3
print(f)
g = list(range(5))
g[10:20] = ["end"]
g[-100:-99] = ["start"]
print(g)
t = tuple(range(10))
print(t[::-2], t[-3:-1], t[3:100], "string"[::-1][1:4])
