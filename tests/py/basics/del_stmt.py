# del of names, items, attributes, slices
x = 5
del x
try:
    print(x)
except NameError as e:
    print(type(e).__name__, e)
lst = list(range(10))
del lst[0]
print(lst)
del lst[-1]
print(lst)
del lst[2:4]
print(lst)
del lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print(type(e).__name__, e)
class A:
    pass
a = A()
a.v = 1
a.w = 2
del a.v
print(hasattr(a, "v"), a.w)
try:
    del a.v
except AttributeError as e:
    print(type(e).__name__, e)
p, q = 1, 2
del p, q
print("p" in dir(), "q" in dir())
l2 = [1, [2, 3]]
del l2[1][0]
print(l2)
def f():
    y = 1
    del y
    try:
        return y
    except UnboundLocalError as e:
        return type(e).__name__ + ": " + str(e)
print(f())
