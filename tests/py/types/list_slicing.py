# list slicing, slice assignment and deletion
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[::2], a[1::3], a[::-1], a[8:2:-2])
print(a[100:], a[-100:2], a[5:2], a[::-3], a[-1:-4:-1])
b = a[:]
b[2:5] = ["x"]
print(b)
b[1:1] = [7, 7, 7]
print(b)
b[:] = [0, 1, 2, 3, 4, 5]
print(b)
b[::2] = "abc"
print(b)
b[-2:] = []
print(b)
del b[::2]
print(b)
c = list(range(8))
c[1:7:3] = [None, None]
print(c)
try:
    c[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
d = [1, 2, 3]
d[len(d):] = [4, 5]
print(d)
d[0:2] = range(3)
print(d)
e = list(range(6))
del e[1:-1]
print(e)
print(a[slice(1, 8, 2)], a[slice(None, None, -4)])
