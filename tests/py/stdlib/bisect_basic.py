# _bisect: bisect_left/right and insort_left/right, lo/hi, key=, any
# sequence, errors.
import _bisect
from _bisect import bisect_left, bisect_right, insort_left, insort_right

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 3, 4, 5, 8, 9]:
    print(x, bisect_left(a, x), bisect_right(a, x))
print(bisect_left(a, 2, 2), bisect_right(a, 2, 0, 2), bisect_left(a, 2, hi=None), bisect_right(a, 2, lo=4))
print(bisect_left(a, 5, 0, -1), bisect_left(a, 100, 3, 3), bisect_right(a, -5, 5, 2))
print(bisect_left((1, 3, 5), 3), bisect_right(range(0, 100, 5), 42), bisect_left('abcde', 'c'))
print(bisect_left([], 1), bisect_right([], 1))

recs = [('a', 1), ('b', 3), ('c', 3), ('d', 7)]
k = lambda r: r[1]
print(bisect_left(recs, 3, key=k), bisect_right(recs, 3, key=k), bisect_right(recs, 0, key=k),
      bisect_left(recs, 3, 2, key=k), bisect_left(recs, 7, key=None))

s = []
for x in [5, 1, 4, 1, 3, 9, 2]:
    insort_right(s, x)
print(s)
insort_left(s, 4)
insort_right(s, 4.0)
insort_left(s, 4.0)
print(s, [type(v).__name__ for v in s[4:8]])
insort_left(s, 0, 0, 0)
insort_right(s, 100, lo=3)
print(s)
people = []
for p in [('x', 30), ('y', 20), ('z', 30), ('w', 10)]:
    insort_right(people, p, key=k)
print(people)
insort_left(people, ('v', 30), key=k)
print(people)

class Seq:
    def __init__(self):
        self.items = []
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def insert(self, i, x):
        print('insert', i, x)
        self.items.insert(i, x)
q = Seq()
insort_left(q, 3)
insort_right(q, 1)
insort_left(q, 2)
print(q.items)
class L(list):
    def insert(self, i, x):
        print('L.insert', i, x)
        super().insert(i, x)
ll = L([1, 3])
insort_right(ll, 2)
print(ll)

t('lo neg', lambda: bisect_left([1], 1, -1))
t('insort lo neg', lambda: insort_left([1], 1, -1))
t('lo str', lambda: bisect_left([1], 1, 'a'))
t('hi str', lambda: bisect_right([1], 1, 0, 'a'))
t('hi float', lambda: bisect_right([1], 1, 0, 1.0))
t('not seq', lambda: bisect_left(1, 1))
t('no x', lambda: bisect_left([1]))
t('no args', lambda: bisect_right())
t('hi too big', lambda: bisect_left([1], 1, 0, 5))
t('dup x', lambda: bisect_left([1], 1, x=2))
t('bad kw', lambda: bisect_left([1], 1, foo=2))
t('too many', lambda: bisect_left([1], 1, 0, 1, None))
t('tuple insort', lambda: insort_right((1,), 1))
t('incomparable', lambda: bisect_left([1, 2], 'a'))
t('key raises', lambda: bisect_left([1, 2], 1, key=lambda v: 1 / 0))
t('key not callable', lambda: insort_left([1, 2], 1, key=3))
print(sorted(n for n in dir(_bisect) if not n.startswith('__')))
