# identity with is / is not on objects whose identity is guaranteed (no small-int caching checks)
a = [1]
b = a
c = list(a)
print(a is b, a is c, a is not c, b is a)
x = None
print(x is None, x is not None, type(x) is type(None))
print(True is True, False is not True, (1 == 1) is True)
def f():
    return a
print(f() is a, f() is not c)
class K:
    pass
k1 = K()
k2 = k1
print(k1 is k2, k1 is K(), type(k1) is K, K is type(k2))
d = {"key": a}
print(d["key"] is a, d.get("missing") is None)
s1 = "hello"
s2 = s1
print(s1 is s2)
t = (a, a)
print(t[0] is t[1], t[0] is a)
print(... is Ellipsis, NotImplemented is NotImplemented)
nums = [k1, k2, K()]
print(sum(1 for n in nums if n is k1), [n is k1 for n in nums])
e = []
e.append(e)
print(e[0] is e, e[0][0][0] is e)
print(int is int, type(3) is int, type(True) is bool, type(True) is not int)
