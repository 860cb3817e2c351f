# Weakref callbacks: order, exactly once, errors, resurrection-free death.
import _weakref

ref = _weakref.ref
log = []


class A:
    def __init__(self, name):
        self.name = name


a = A("a")
r1 = ref(a, lambda w: log.append(("r1", w is r1, w())))
r2 = ref(a, lambda w: log.append(("r2", w is r2)))
r0 = ref(a)
p = _weakref.proxy(a, lambda w: log.append("proxy"))
ws = _weakref.getweakrefs(a)
print(len(ws), ws[0] is r0, ws[1] is p, ws[2] is r2, ws[3] is r1)
del ws
del a
print(log)
print(r1.__callback__, r2.__callback__)

# A weakref that dies first never calls back.
log.clear()
b = A("b")
w = ref(b, lambda w: log.append("never"))
del w
del b
print(log)


# A callback that raises: reported, the others still run.
class Bad:
    def __call__(self, w):
        raise ValueError("boom")

    def __repr__(self):
        return "<Bad>"


bad = Bad()


c = A("c")
rc1 = ref(c, bad)
rc2 = ref(c, lambda w: log.append("after bad"))
del c
print(log)

# The same callback on many objects; objects in a container.
log.clear()
objs = [A(i) for i in range(5)]
refs = [ref(o, lambda w: log.append(len(log))) for o in objs]
del objs[1:3]
print(log, [r() is None for r in refs])
objs.clear()
print(log, [r() is None for r in refs])

# A chain: the callback drops the last reference to another object.
log.clear()
x = A("x")
y = A("y")
ry = ref(y, lambda w: log.append("y died"))
holder = [y]
del y
rx = ref(x, lambda w: (log.append("x died"), holder.clear()))
del x
print(log)

# Methods, functions, classes as referents.
log.clear()


def make():
    def inner():
        return 42

    return inner


fn = make()
rf = ref(fn, lambda w: log.append("fn"))
print(rf()())
del fn


class K:
    def m(self):
        return 1


rk = ref(K, lambda w: log.append("class"))
k = K()
bm = k.m
rm = ref(bm, lambda w: log.append("method"))
del bm
print(log)
