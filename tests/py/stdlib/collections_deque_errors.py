# _collections.deque: error cases and CPython's messages.
from _collections import deque

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

t('maxlen<0', lambda: deque(maxlen=-1))
t('maxlen str', lambda: deque(maxlen='a'))
t('maxlen float', lambda: deque([], 2.0))
t('maxlen huge', lambda: deque(maxlen=2**70))
t('3 args', lambda: deque([1], 2, 3))
t('bad kw', lambda: deque(x=1))
t('not iterable', lambda: deque(5))
t('pop empty', lambda: deque().pop())
t('popleft empty', lambda: deque().popleft())
t('getitem range', lambda: deque([1])[5])
t('getitem neg', lambda: deque([1])[-2])
t('getitem str', lambda: deque([1])['a'])
t('getitem slice', lambda: deque([1])[1:2])
t('getitem huge', lambda: deque([1])[2**80])
d = deque([1, 2])
def setit(i, v):
    d[i] = v
def delit(i):
    del d[i]
t('setitem range', lambda: setit(2, 0))
t('setitem neg', lambda: setit(-3, 0))
t('setitem str', lambda: setit('x', 0))
t('delitem range', lambda: delit(2))
t('delitem neg', lambda: delit(-3))
t('delitem slice', lambda: delit(slice(0, 1)))
print(d)
t('insert full', lambda: deque([1], maxlen=1).insert(0, 2))
t('insert bad idx', lambda: deque([1]).insert('a', 1))
t('insert 1 arg', lambda: deque([1]).insert(1))
t('remove missing', lambda: deque([1]).remove(3))
t('remove str', lambda: deque([1]).remove('a'))
t('index missing', lambda: deque([1]).index(3))
t('index range', lambda: deque([1, 2, 3]).index(1, 1))
t('index bad start', lambda: deque([1]).index(1, 'a'))
t('index bad stop', lambda: deque([1]).index(1, 0, 1.5))
t('index no args', lambda: deque([1]).index())
t('count no args', lambda: deque([1]).count())
t('append no args', lambda: deque().append())
t('appendleft 2 args', lambda: deque().appendleft(1, 2))
t('extend int', lambda: deque([1]).extend(1))
t('extendleft int', lambda: deque([1]).extendleft(None))
t('pop arg', lambda: deque([1]).pop(0))
t('rotate str', lambda: deque([1]).rotate('a'))
t('rotate float', lambda: deque([1]).rotate(1.0))
t('concat list', lambda: deque([1]) + [1])
t('concat radd', lambda: [1] + deque([1]))
t('iadd int', lambda: deque([1]).__iadd__(1))
t('mul str', lambda: deque([1]) * 'a')
t('mul float', lambda: deque([1]) * 1.5)
t('lt list', lambda: deque([1]) < [1])
t('lt int', lambda: deque([1]) >= 3)
t('hash', lambda: hash(deque()))
t('maxlen set', lambda: setattr(deque(), 'maxlen', 3))
t('getattr', lambda: deque().nothing)

class Bad:
    def __eq__(self, other):
        raise ZeroDivisionError('eq')
t('count raises', lambda: deque([Bad()]).count(1))
t('in raises', lambda: 1 in deque([Bad()]))
t('index raises', lambda: deque([Bad()]).index(1))
t('remove raises', lambda: deque([Bad()]).remove(1))
t('eq raises', lambda: deque([Bad()]) == deque([1]))

class BadRepr:
    def __repr__(self):
        raise ValueError('repr')
t('repr raises', lambda: repr(deque([BadRepr()])))

def gen():
    yield 1
    raise KeyError('gen')
g = deque()
t('extend gen raises', lambda: g.extend(gen()))
print(g)
t('extendleft gen raises', lambda: g.extendleft(gen()))
print(g)

class Mutator:
    def __init__(self, d):
        self.d = d
    def __eq__(self, other):
        self.d.append(0)
        return False
m = deque()
m.extend([Mutator(m), 5])
t('count mutates', lambda: m.count(5))
m = deque()
m.extend([Mutator(m), 5])
t('index mutates', lambda: m.index(5))
m = deque()
m.extend([Mutator(m), 5])
t('remove mutates', lambda: m.remove(5))
m = deque()
m.extend([Mutator(m), 5])
t('in mutates', lambda: 5 in m)
