# unpacking assignment
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(x, y), z = (3, 4), 5
print(x, y, z)
[p, q] = "pq"
print(p, q)
a, (b, (c, d)) = 1, (2, (3, 4))
print(a, b, c, d)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
x = y = z = 7
print(x, y, z)
a, b, c = range(3)
print(a, b, c)
k1, k2 = {"one": 1, "two": 2}
print(k1, k2)
m, n = iter([10, 20])
print(m, n)
lst = [0, 0, 0]
lst[0], lst[2] = 5, 9
print(lst)
i = 0
i, lst[i] = 1, 42
print(i, lst)
class O: pass
o = O()
o.a, o.b = "A", "B"
print(o.a, o.b)
(a) = 3
print(a)
