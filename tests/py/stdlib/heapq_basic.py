# _heapq: the heap functions, their max variants, errors and comparisons
# that misbehave.
import _heapq
from _heapq import heappush, heappop, heapify, heapreplace, heappushpop

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

def is_heap(h, key=lambda a, b: a <= b):
    return all(key(h[(i - 1) // 2], h[i]) for i in range(1, len(h)))

# a deterministic pseudo-random sequence
seed = 12345
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2**31
    return seed % 1000

h = []
for _ in range(200):
    heappush(h, rnd())
print(is_heap(h), len(h), h[:10])
out = [heappop(h) for _ in range(200)]
print(out == sorted(out), out[:8], h)
data = [rnd() for _ in range(300)]
heapify(data)
print(is_heap(data), data[:12])
print(heapreplace(data, 5000), data[0], is_heap(data))
print(heappushpop(data, -1), heappushpop(data, 10**6), is_heap(data), len(data))
print(heappushpop([], 3))
small = [5, 3, 8, 1]
heapify(small)
print(small)
tiny = [2, 1]
heapify(tiny)
print(tiny, heappop(tiny), tiny, heappop(tiny), tiny)
tup = []
for x in [(2, 'b'), (1, 'z'), (1, 'a'), (3, 'c')]:
    heappush(tup, x)
print([heappop(tup) for _ in range(4)])

m = [rnd() for _ in range(50)]
_heapq._heapify_max(m)
print(is_heap(m, lambda a, b: a >= b), m[:8])
print(_heapq._heappop_max(m), _heapq._heappop_max(m), is_heap(m, lambda a, b: a >= b))
print(_heapq._heapreplace_max(m, -5), is_heap(m, lambda a, b: a >= b), len(m))
print(sorted(n for n in dir(_heapq) if not n.startswith('__')))

class L(list):
    pass
lh = L([3, 1, 2])
heapify(lh)
heappush(lh, 0)
print(lh, type(lh).__name__, heappop(lh))

t('push int', lambda: heappush(1, 2))
t('push 1 arg', lambda: heappush([]))
t('push kw', lambda: heappush([], item=1))
t('pop tuple', lambda: heappop(()))
t('pop empty', lambda: heappop([]))
t('pop 0 args', lambda: heappop())
t('heapify tuple', lambda: heapify(()))
t('replace empty', lambda: heapreplace([], 1))
t('replace tuple', lambda: heapreplace((), 1))
t('pushpop tuple', lambda: heappushpop((), 1))
t('pop_max empty', lambda: _heapq._heappop_max([]))
t('replace_max empty', lambda: _heapq._heapreplace_max([], 1))
t('heapify_max int', lambda: _heapq._heapify_max(1))
t('incomparable', lambda: heapify([1, 'a', 2]))
t('push incomparable', lambda: heappush([1], 'x'))

class Bad:
    def __lt__(self, other):
        raise ZeroDivisionError('lt')
hb = [1, 2, 3]
t('push raises', lambda: heappush(hb, Bad()))
print(len(hb))
t('pushpop raises', lambda: heappushpop([1], Bad()))

class Clearer:
    def __init__(self, h, v):
        self.h, self.v = h, v
    def __lt__(self, other):
        self.h.clear()
        return True
hc = [1, 2, 3]
t('push clears', lambda: heappush(hc, Clearer(hc, 0)))
hc = [Clearer(None, 0), 1, 2, 3]
hc[0].h = hc
t('pop clears', lambda: type(heappop(hc)).__name__)
hc = [0]
t('pushpop clears', lambda: heappushpop(hc, Clearer(hc, 0)) and None)
hc = [Clearer(None, 0), 5]
hc[0].h = hc
t('pushpop clears 2', lambda: heappushpop(hc, 9))

class Appender:
    def __init__(self, h):
        self.h = h
    def __lt__(self, other):
        self.h.append(0)
        return False
ha = [Appender(None) for _ in range(5)]
for a in ha:
    a.h = ha
t('heapify grows', lambda: heapify(ha))
