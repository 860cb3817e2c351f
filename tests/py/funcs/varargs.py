# *args and **kwargs
def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(a=1), f(1, b=2, c=3))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*range(10)))
def show(**kw):
    return sorted(kw.items())
print(show(x=1, y=2), show(**{"z": 3}), show(**{"a": 1}, b=2))
def mixed(a, b, *rest, key=None, **extra):
    print("a=%r b=%r rest=%r key=%r extra=%r" % (a, b, rest, key, extra))
mixed(1, 2)
mixed(1, 2, 3, 4, key="k", other=5)
args = (10, 20, 30)
kwargs = {"key": "K", "z": 0}
mixed(*args, **kwargs)
mixed(*[1], *[2, 3], **{"key": 1}, **{"q": 2})
def pos(a, b, c):
    return a * 100 + b * 10 + c
print(pos(*[1, 2, 3]), pos(1, *(2, 3)), pos(*"12", c="3") if False else pos(1, *[2], **{"c": 3}))
print(pos(**{"a": 1, "b": 2, "c": 3}), pos(3, c=1, b=2))
print(type(f()[0]).__name__, type(f()[1]).__name__)
def kwargs_order(**kw):
    return list(kw)
print(kwargs_order(z=1, a=2, m=3))
