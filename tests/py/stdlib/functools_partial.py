# functools.partial from the native _functools module.
import _functools as f


def g(a, b=2, *c, **d):
    return (a, b, c, sorted(d.items()))


def t(src):
    try:
        r = eval(src)
    except Exception as e:
        print(src, '!!', type(e).__name__, e)
    else:
        print(src, '->', r)


p = f.partial(g, 1, x=2)
print(p(), p(5, x=9, z=6), p.func is g, p.args, p.keywords)
q = f.partial(p, 3, y=4)
print(q.func is g, q.args, q.keywords, q(5, z=6))
print(repr(f.partial(len)).startswith('functools.partial(<built-in function len>'), repr(f.partial(max, 1, 2, key=abs)))
for s in [
    "f.partial()", "f.partial(1)", "f.partial(func=g)", "f.partial(g).__dict__", "f.partial(max)(3, 4)",
    "f.partial(max, key=abs)(-5, 3)", "f.partial(g, 1).__setstate__(1)", "f.partial(g).__setstate__((1, 2))",
    "f.partial(g).__setstate__((1, (), {}, None))", "f.partial(g).__setstate__((g, 1, {}, None))",
    "f.partial(g).__setstate__((g, (), 1, None))", "f.partial(g).__setstate__((g, (), {}, 1))",
    "f.partial.__class_getitem__(int)", "f.partial[int]", "f.partial.__module__", "f.partial.__name__",
    "f.partial(max, 1, 2).__reduce__()[1:]", "f.partial(max, k=1).__reduce__()[1:]", "f.partial(max)(x=1)",
]:
    t(s)

p = f.partial(max, 1)
p.attr = 5
print(p.__dict__, p.__reduce__()[2][3])
try:
    p.func = min
except AttributeError as e:
    print('AttributeError', e)
try:
    p.args = ()
except AttributeError as e:
    print('AttributeError', e)
p.__setstate__((min, (3, 4), {'key': abs}, {'z': 1}))
print(p.func is min, p.args, p.keywords, p.__dict__, p(-7))
p.__setstate__((min, (3,), None, None))
print(p.keywords, p.__dict__, p(1))

p = f.partial(max, 1)
p.attr = 1
q = f.partial(p, 2)     # p has a __dict__: not flattened
print(q.func is p, q.args)


class P(f.partial):
    pass


r = P(max, 1, key=abs)
print(type(r).__name__, repr(r) == 'P(<built-in function max>, 1, key=<built-in function abs>)', r(-4))
print(type(f.partial(r, 2)).__name__, f.partial(r, 2).func is max)

rec = f.partial(max)
rec.__setstate__((max, (rec,), {}, None))
print(repr(rec))


class Q(f.partial):
    def __call__(self, *a):
        return ('Q', a)


qq = Q(max, 1)
print(qq(2), f.partial(qq, 3).func is qq, f.partial(qq, 3)())
nested = f.partial(f.partial(f.partial(g, 1), 2), 3, k=4)
print(nested.func is g, nested.args, nested.keywords, nested())
