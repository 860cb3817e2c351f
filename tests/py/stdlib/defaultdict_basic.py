# _collections.defaultdict: __missing__, default_factory, repr, copy,
# __reduce__, | operators, subclassing, errors.
from _collections import defaultdict

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

d = defaultdict(list)
d['a'].append(1)
d['a'].append(2)
d['b']
print(d, len(d), d.default_factory, sorted(d.items()))
print(isinstance(d, dict), issubclass(defaultdict, dict), type(d).__name__, defaultdict.__module__)
print('c' in d, d.get('c'), len(d))
n = defaultdict()
print(n, n.default_factory)
t('missing no factory', lambda: n['x'])
t('missing tuple key', lambda: defaultdict(None)[(1, 2)])
t('__missing__ direct', lambda: defaultdict(int).__missing__('k'))
t('__missing__ none', lambda: defaultdict(None).__missing__(1))
c = defaultdict(int)
for ch in 'mississippi':
    c[ch] += 1
print(sorted(c.items()))
print(defaultdict(int, {1: 2}, x=3), defaultdict(str, [(1, 'a')]), defaultdict(None, a=1))
t('bad factory', lambda: defaultdict(1))
t('bad factory kw', lambda: defaultdict(1, a=2))
t('too many', lambda: defaultdict(list, {}, {}))
d.default_factory = set
d['z'].add(3)
print(d['z'], d.default_factory)
d.default_factory = None
t('after None', lambda: d['q'])
del d.default_factory
print(d.default_factory)
d.default_factory = 5
t('non-callable factory', lambda: d['q'])

# repr
r = defaultdict(lambda: 0)
print(repr(r).startswith('defaultdict(<function <lambda>'), repr(r).endswith('{})'))
rec = defaultdict(list)
rec['self'] = rec
print(rec)
class F:
    def __call__(self):
        return 0
    def __repr__(self):
        return repr(dd)
dd = defaultdict(F())
print(dd)
dd[1] = 2
print(repr(dd))

# copy / reduce
cp = defaultdict(list, {'a': [1]})
c2 = cp.copy()
c3 = cp.__copy__()
c2['b'].append(1)
print(cp, c2, c3, type(c2).__name__, c2.default_factory is list)
red = cp.__reduce__()
print(red[0] is defaultdict, red[1], red[2], red[3], list(red[4]))
print(defaultdict().__reduce__()[1])

# | operators
a = defaultdict(list, x=1)
b = {'y': 2}
print(a | b, b | a, type(a | b).__name__, type(b | a).__name__)
print((b | a).default_factory, (a | defaultdict(int, z=3)).default_factory)
a |= {'w': 0}
print(a, type(a).__name__)
t('or int', lambda: a | 1)
t('ror int', lambda: 1 | a)
print(defaultdict[int, str], defaultdict.__class_getitem__(int))

# subclass
class Counter(defaultdict):
    def __init__(self):
        super().__init__(int)
cc = Counter()
cc['x'] += 5
print(cc, type(cc.copy()).__name__ if False else 'skip', cc['x'], cc.default_factory)
class Sub(defaultdict):
    pass
s = Sub(list, a=[1])
print(s, type(s.copy()).__name__, s.copy(), type(s | {}).__name__)
class M(defaultdict):
    def __missing__(self, key):
        return key * 2
print(M(int)['ab'], len(M(int)))
print(defaultdict(int) == {}, defaultdict(int, a=1) == {'a': 1}, dict(defaultdict(int, a=1)))
