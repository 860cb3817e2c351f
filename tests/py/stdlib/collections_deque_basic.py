# _collections.deque: construction, both ends, maxlen, indexing, operators.
from _collections import deque

d = deque()
print(d, len(d), bool(d), d.maxlen)
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend(range(4, 8))
d.extendleft('ab')
print(d)
d.extend(d)
print(d, len(d))
d.extendleft(d)
print(len(d), d[0], d[-1])

# maxlen drops from the other end
m = deque(range(5), maxlen=3)
print(m, m.maxlen)
m.append(10)
print(m)
m.appendleft(-1)
print(m)
m.extend([20, 21])
print(m)
m.extendleft([30, 31, 32, 33])
print(m)
z = deque([1, 2], maxlen=0)
z.append(3)
z.appendleft(4)
z.extend(range(10))
print(z, len(z))
print(deque('abc', None), deque(maxlen=None, iterable='xy'))

# rotate
r = deque(range(7))
r.rotate()
print(r)
r.rotate(3)
print(r)
r.rotate(-5)
print(r)
r.rotate(70)
print(r)
r.rotate(-71)
print(r)
deque().rotate(5)
one = deque([1]); one.rotate(-3); print(one)
big = deque(range(100))
for k in range(0, 250, 7):
    c = deque(big)
    c.rotate(k)
    assert list(c) == list(big)[-(k % 100):] + list(big)[:-(k % 100)] if k % 100 else list(c) == list(big), k
print('rotate ok')

# indexing, assignment, deletion
s = deque('abcdefg')
s[0] = 'A'
s[-1] = 'G'
s[3] = 'D'
del s[1]
del s[-2]
print(s, s[len(s) - 1])
t = deque(range(20))
del t[15]
del t[3]
print(t)

# index/count/remove/insert/reverse/clear/copy
q = deque([1, 2, 3, 2, 1, 2])
print(q.count(2), q.count(9), q.index(2), q.index(2, 2), q.index(2, -2), q.index(1, 1, 5))
q.remove(2)
print(q)
q.insert(0, 'x')
q.insert(100, 'y')
q.insert(-1, 'z')
q.insert(-100, 'w')
q.insert(3, 'm')
print(q)
q.reverse()
print(q)
c = q.copy()
c.append(1)
print(c == q, len(c), len(q))
q.clear()
print(q, len(q))
bm = deque([1, 2, 3], maxlen=5)
print(bm.copy(), bm.copy().maxlen, bm.__copy__())

# membership, comparison, operators
e = deque([1, 2, 3])
print(2 in e, 9 in e, e == deque([1, 2, 3]), e != deque([1, 2]), e == [1, 2, 3])
print(e < deque([1, 2, 4]), e <= deque([1, 2, 3]), e > deque([1, 2]), e >= deque([2]))
print(deque() < deque([0]), deque([1, 2]) < deque([1, 2, 0]))
print(e + deque([4, 5]), e * 2, 2 * e, e * 0, e * -1)
print(deque([1, 2], maxlen=3) * 3, deque([1, 2], maxlen=3) + deque([7, 8]))
f = deque([1])
f += [2, 3]
f += 'ab'
print(f)
f *= 2
print(f)
f *= 1
print(f)
g = deque([1, 2, 3], maxlen=4)
g *= 3
print(g)
f *= 0
print(f)
x = deque([1, 2, 3, 4, 5])
print(list(reversed(x)), list(x), sorted(x, reverse=True), sum(x))
nan = float('nan')
print(nan in deque([nan]), deque([nan]) == deque([nan]), deque([nan]).count(nan))

# reprs
rr = deque()
rr.append(rr)
print(rr)
rr2 = deque([1], maxlen=2)
rr2.append(rr2)
print(rr2)
print(deque([deque([1]), 'a', None]))

class D(deque):
    pass
sd = D([1, 2])
print(sd, type(sd.copy()).__name__, sd.copy(), type(sd + sd).__name__)
print(repr(D('ab', 5)), type(D('ab', 5).copy()).__name__, D('ab', 5).copy().maxlen)
print(deque.__name__, deque.__module__, deque.__qualname__)
print(deque[int], deque.__class_getitem__(str))

# pickling protocol pieces
red = deque([1, 2]).__reduce__()
print(red[0] is deque, red[1], red[2], list(red[3]))
red = deque([1, 2], 5).__reduce__()
print(red[1], list(red[3]))
red = D([3]).__reduce__()
print(red[0] is D, red[2], list(red[3]))
sd.attr = 1
print(D([3]).__reduce__()[2], sd.__reduce__()[2])

# __init__ again resets
again = deque([1, 2, 3])
again.__init__([9], 1)
print(again, again.maxlen)
print(deque([1, 2, 3]).__sizeof__() > deque().__sizeof__() or True)
print(deque.__hash__, isinstance(deque(), object))
