# Threads import math and cmath at once (cmath's thresholds are set up once)
# and run their functions on shared lists and a shared __ceil__ class while
# another thread rebinds that class's __ceil__; every result must equal the
# one computed before the threads started.
import threading
import math
import cmath

xs = [i / 7.0 - 3.0 for i in range(60)]
zs = [complex(x, 1.0 / (1.0 + abs(x))) for x in xs]


def compute():
    out = []
    for x in xs:
        out.append((math.gamma(x) if x != int(x) or x > 0 else None,
                    math.lgamma(abs(x) + 0.5), math.erf(x), math.hypot(x, 2.0, 3.0)))
    out.append(math.fsum(xs))
    out.append(math.prod(range(1, 30)))
    out.append(math.comb(60, 30))
    for z in zs:
        out.append((cmath.sqrt(z), cmath.acos(z), cmath.log(z, 2), cmath.tanh(z)))
    return out


expected = compute()


class Num:
    def __ceil__(self):
        return 1


num = Num()
stop = False
errors = []


def work(k):
    import cmath as cm  # concurrent first use
    for _ in range(15):
        if compute() != expected:
            errors.append(k)
        r = math.ceil(num)
        if r not in (1, 2):
            errors.append(r)
        if cm.phase(-1) != math.pi:
            errors.append('phase')


def rebind():
    i = 0
    while not stop:
        Num.__ceil__ = (lambda self: 2) if i % 2 else (lambda self: 1)
        i += 1


r = threading.Thread(target=rebind)
r.start()
ts = [threading.Thread(target=work, args=(k,)) for k in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
stop = True
r.join()
assert not errors, errors[:3]
print("ok math_shared")
