# starred unpacking
a, *b, c = [1, 2, 3, 4, 5]
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
*a, b = "xyz"
print(a, b)
a, *b = range(4)
print(a, b)
*a, = (1, 2)
print(a)
first, *_, last = "abcdef"
print(first, last, _)
for x, *rest in [(1, 2, 3), (4,), (5, 6)]:
    print(x, rest)
(a, *b), c = [1, 2, 3], 4
print(a, b, c)
print([*range(3), *"ab", *[None]])
print((*[1, 2], 3))
print({*[1, 2], *(2, 3)} == {1, 2, 3})
d = {"a": 1}
print({**d, "b": 2, **{"a": 3}})
print(*[1, 2, 3], sep="-")
h, *t = [9]
print(h, t)
a, b, *c, d, e = range(10)
print(a, b, c, d, e)
