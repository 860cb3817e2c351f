# list methods
a = [3, 1, 4]
a.append(1); print(a)
a.extend([5, 9]); print(a)
a.extend("ab"); print(a)
a.insert(0, "first"); a.insert(100, "last"); a.insert(-1, "mid"); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); print(a)
print(a.index(1), a.index(4), a.count(1), a.count(42))
b = [5, 2, 8, 1]
b.reverse(); print(b)
b.sort(); print(b)
c = b.copy(); c.append(0); print(b, c)
c.clear(); print(c, len(c))
try:
    a.remove("zzz")
except ValueError as e:
    print(type(e).__name__, e)
try:
    a.index("zzz")
except ValueError as e:
    print(type(e).__name__, e)
try:
    [].pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    [1].pop(5)
except IndexError as e:
    print(type(e).__name__, e)
print([1, 2, 3, 2, 1].index(2, 2), [0] * 3)
x = [1, 2]
print(x.append(3), x)
