# Threads share complex numbers (list items, dict keys, a global rebound by
# everyone) and compute with them: the objects are immutable, so every
# thread must see the same values, and shared references must stay counted.
import threading

vals = [complex(i, -i) for i in range(64)]
table = {v: i for i, v in enumerate(vals)}
shared = 1j
N = 6
errors = []


def work(k):
    global shared
    acc = 0j
    for rnd in range(3000):
        v = vals[rnd % len(vals)]
        acc += v * 1j - v.conjugate()
        if table[v] != rnd % len(vals) or hash(v) != hash(complex(v.real, v.imag)):
            errors.append(("lookup", v))
        mine = complex(k, rnd)
        shared = mine
        s = shared
        if not isinstance(s, complex) or s.imag < 0 or repr(s) != repr(complex(s.real, s.imag)):
            errors.append(("shared", s))
        if rnd % 7 == 0:
            vals[rnd % len(vals)] = complex(rnd % len(vals), -(rnd % len(vals)))
    expect = 0j
    for rnd in range(3000):
        i = rnd % len(vals)
        v = complex(i, -i)
        expect += v * 1j - v.conjugate()
    if acc != expect:
        errors.append(("sum", acc, expect))


ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not errors, errors[:3]
assert all(table[v] == i for i, v in enumerate(vals))
print("ok complex_shared")
