# _collections._count_elements and _tuplegetter (namedtuple's field
# descriptor).
import _collections
from _collections import _count_elements, _tuplegetter

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

m = {}
_count_elements(m, 'abracadabra')
print(sorted(m.items()))
_count_elements(m, ['a', 'z'])
print(sorted(m.items()))
class Counts(dict):
    def __missing__(self, key):
        return 0
c = Counts()
_count_elements(c, [1, 2, 2, 3, 3, 3])
print(sorted(c.items()))
class Weird(dict):
    def get(self, key, default=None):
        return 100
w = Weird()
_count_elements(w, 'ab')
print(sorted(w.items()))
t('not mapping', lambda: _count_elements(1, 'abca'))
t('not iterable', lambda: _count_elements({}, 5))
t('unhashable', lambda: _count_elements({}, [[1]]))
t('args', lambda: _count_elements({}))

class Point(tuple):
    __slots__ = ()
    x = _tuplegetter(0, 'x coordinate')
    y = _tuplegetter(1, 'y coordinate')
    z = _tuplegetter(5, None)
p = Point((3, 4))
print(p.x, p.y, Point.x.__doc__, Point.z.__doc__, type(Point.x).__name__)
t('out of range', lambda: p.z)
t('set', lambda: setattr(p, 'x', 1))
t('del', lambda: delattr(p, 'x'))
g = _tuplegetter(1, 'doc')
print(g.__get__((1, 2)), g.__get__(None, tuple) is g, g.__reduce__()[1], g.__reduce__()[0] is _tuplegetter)
t('non tuple', lambda: g.__get__([1, 2]))
t('bad index', lambda: _tuplegetter('a', 'x'))
t('one arg', lambda: _tuplegetter(1))
g.__doc__ = 'new'
print(g.__doc__, _tuplegetter.__module__)
# OrderedDict stays pure Python on pvm (collections falls back to it)
print(sorted(n for n in dir(_collections) if not n.startswith('__') and n != 'OrderedDict'))
