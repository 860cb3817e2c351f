# evaluation order of arguments and expressions
log = []
def v(x):
    log.append(x)
    return x
def f(*a, **k):
    return a, k
f(v(1), v(2), k=v(3), j=v(4))
print(log)
log.clear()
d = {v("k1"): v("v1"), v("k2"): v("v2")}
print(log)
log.clear()
lst = [v(1), v(2)][v(0)]
print(log, lst)
log.clear()
v(1) + v(2) * v(3)
print(log)
log.clear()
x = v("a") if v(False) else v("b")
print(log, x)
log.clear()
v([0, 0])[v(1)] = v(99)
print(log)
log.clear()
v(True) or v("never")
v(False) and v("never")
print(log)
log.clear()
f(*[v(1)], **{v("key"): v(2)})
print(log)
log.clear()
print(v("p1"), v("p2"))
print(log)
log.clear()
r = v(10) < v(20) < v(15)
print(log, r)
