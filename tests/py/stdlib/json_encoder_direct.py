# _json.make_encoder (the C encoder json.encoder uses when indent is None)
# called directly: values, separators, key kinds, floats, subclasses,
# markers, default, the encoder callback, attributes and argument errors.
import _json
import json.encoder
from json.encoder import encode_basestring_ascii as ea, encode_basestring as eb

E = _json.make_encoder
print(json.encoder.c_make_encoder is E, E.__name__, E.__module__)


def enc(o, *, markers=None, default=None, encoder=ea, indent=None, ksep=':', isep=',',
        sort_keys=False, skipkeys=False, allow_nan=True):
    if default is None:
        def default(x):
            raise TypeError('not serializable: ' + type(x).__name__)
    e = E(markers, default, encoder, indent, ksep, isep, sort_keys, skipkeys, allow_nan)
    try:
        r = e(o, 0)
        print(type(r).__name__, ascii(''.join(r)))
    except Exception as x:
        print(type(x).__name__, x)


class MyInt(int):
    def __repr__(self):
        return 'MyInt!'

    __str__ = __repr__


class MyFloat(float):
    def __repr__(self):
        return 'MyFloat!'

    __str__ = __repr__


class MyStr(str):
    pass


class MyList(list):
    def __iter__(self):
        return iter(['from __iter__'])


class MyTuple(tuple):
    pass


class MyDict(dict):
    pass


values = [
    None, True, False, 0, 1, -1, 2**62 - 1, 2**62, -2**62, -2**62 - 1, 2**64, -10**30,
    0.0, -0.0, 1.5, 1e16, 1e-7, 1.7976931348623157e308, 5e-324, 0.1, 1/3,
    float('inf'), float('-inf'), float('nan'), '', 'abc', 'a"b\\c\n\t\x00\x1f\x7f',
    '\xe9\u20ac\U0001f600', '\ud800', [], (), {}, [1, [2, [3, []]]], (1, (2,)),
    {'a': {'b': {}}}, MyInt(5), MyFloat(2.5), MyStr('s"'), MyList([1, 2]), MyTuple((3, 4)),
    MyDict(x=1), [None, True, 1, 1.0, 'x', [], {}],
]
for v in values:
    enc(v)
    enc(v, encoder=eb)

# Separators are used as given.
enc({'a': [1, 2], 'b': None}, ksep=': ', isep=', ')
enc({'a': [1, 2], 'b': None}, ksep='=>', isep=' ; ')
enc([1, 2, 3], isep='\xe9')
# indent is accepted and ignored by the C encoder in 3.11.
enc({'a': [1, {'b': 2}]}, indent=4)
enc([1, 2], indent='\t')

# Keys of every kind.
enc({'s': 1, 1: 2, -5: 3, 2**70: 4, 1.5: 5, -0.0: 6, True: 7, False: 8, None: 9})
enc({float('inf'): 1, float('-inf'): 2, float('nan'): 3})
enc({float('inf'): 1}, allow_nan=False)
enc({MyInt(3): 'i', MyFloat(0.5): 'f', MyStr('k'): 's'})
enc({(1, 2): 3})
enc({'a': 1, (1, 2): 3, 'b': 2}, skipkeys=True)
enc({(1, 2): 3, 'b': 2}, skipkeys=True)
enc({(1, 2): 3}, skipkeys=True)
enc({frozenset(): 1, b'x': 2, 3j: 3}, skipkeys=True)
for k in (b'x', 3j, frozenset(), object, MyTuple()):
    enc({k: 1})
enc({'\n"': 1, 'é': 2})
enc({'\n"': 1, 'é': 2}, encoder=eb)

# sort_keys.
enc({'b': 1, 'a': 2, 'c': {'z': 1, 'y': 2}}, sort_keys=True)
enc({3: 'a', 1: 'b', 2: 'c'}, sort_keys=True)
enc({1.5: 'a', 1: 'b', -2: 'c', True: 'd'}, sort_keys=True)
enc({'a': 1, 1: 2}, sort_keys=True)
enc({None: 1, 'a': 2}, sort_keys=True)
enc({'a': 1, (1,): 2}, sort_keys=True, skipkeys=True)
enc(MyDict(b=1, a=2), sort_keys=True)
ukeys = ['b', 'a', 'ab', '', 'aa', 'a\x00', '\xe9', '\ud800', '\udfff', '\ue000', '\U0001f600',
         '\uffff', 'Z', '\x7f', '\x80', 'abc', 'ab\U0010ffff']
enc(dict.fromkeys(ukeys, 0), sort_keys=True)
enc(dict.fromkeys(ukeys, 0), sort_keys=True, encoder=eb)
enc(dict.fromkeys(reversed(ukeys), 0), sort_keys=True)
enc({MyStr('b'): 1, 'a': 2, 'c': 3}, sort_keys=True)
enc({'b': 1, 'a': [{'d': 1, 'c': 2}]}, sort_keys=True, ksep='=', isep=';')
enc({float('nan'): 1, 0.5: 2, float('nan'): 3, -1.0: 4}, sort_keys=True)

# Floats: allow_nan.
for f in (float('nan'), float('inf'), float('-inf'), MyFloat('nan'), MyFloat('inf')):
    enc(f, allow_nan=False)
    enc([f], allow_nan=True)
    enc({'k': f}, allow_nan=False)

# default and the markers dict.
enc(object(), default=lambda o: 'obj')
enc([1, {2, 3}], default=sorted)
enc({'a': 1j}, default=lambda o: [o.real, o.imag])
enc(object(), default=lambda o: object())
enc(1j)
enc(b'x')


def bad_default(o):
    raise ValueError('nope')


enc([1, object()], default=bad_default)
m = {}
enc([1, [2, {'a': (3,)}]], markers=m)
print(len(m))
l = [1]
l.append(l)
m = {}
enc(l, markers=m)
print(len(m))
enc(l, markers=None, default=repr) if False else print('skip unbounded')
d = {}
d['self'] = d
enc(d, markers={})
enc([d], markers={})
shared = [1, 2]
enc([shared, shared, {'x': shared}], markers={})


class Node:
    def __init__(self):
        self.child = self


m = {}
enc(Node(), markers=m, default=lambda o: {'c': o.child})
print(len(m))
m = {}
enc(Node(), markers=m, default=lambda o: [o.child])
print(len(m))
m = {}
enc([Node(), 1], markers=m, default=lambda o: 'node')
print(len(m), m)

# The encoder callback (when it is not one of _json's own functions).
enc(['a', {'k': 'v'}], encoder=lambda s: '<' + s + '>')
enc(['a', {1: 'v'}], encoder=lambda s: '<%s>' % s)
enc(['a'], encoder=lambda s: 5)
enc({'k': 1}, encoder=lambda s: None)
enc(['a'], encoder=lambda s: MyStr('[' + s + ']'))


def enc_raises(s):
    raise KeyError(s)


enc(['a'], encoder=enc_raises)
enc([1, 2], encoder=enc_raises)

# Attributes (read-only).
e = E({}, repr, ea, 4, ': ', ', ', 1, 0, 'yes')
for a in ('markers', 'default', 'encoder', 'indent', 'key_separator', 'item_separator',
          'sort_keys', 'skipkeys'):
    print(a, repr(getattr(e, a)))
print(hasattr(e, 'allow_nan'))
for a in ('markers', 'sort_keys', 'indent'):
    try:
        setattr(e, a, None)
    except AttributeError as x:
        print(type(x).__name__, x)
print(type(e).__name__, type(e) is E)
try:
    class Sub(E):
        pass
except TypeError as x:
    print(type(x).__name__, x)

# Call arguments.
e = E(None, repr, ea, None, ':', ',', False, False, True)
print(e([1], 0), e([1], 5), e(obj=[2], _current_indent_level=1), e([3], _current_indent_level=0))
for args, kw in [((), {}), ((1,), {}), ((1, 'a'), {}), ((1, 2, 3), {}), ((1, 1.5), {}),
                 ((1,), {'x': 2}), ((1, 2), {'obj': 3})]:
    try:
        print(e(*args, **kw))
    except TypeError as x:
        print(type(x).__name__, x)

# Constructor arguments.
good = [None, repr, ea, None, ':', ',', False, False, True]
for i, bad in [(0, []), (0, 5), (4, 1), (5, b','), (4, None)]:
    a = list(good)
    a[i] = bad
    try:
        E(*a)
    except TypeError as x:
        print(type(x).__name__, x)
try:
    E(*good[:8])
except TypeError as x:
    print(type(x).__name__, x)
try:
    E(*good, 1)
except TypeError as x:
    print(type(x).__name__, x)
kw = dict(zip(['markers', 'default', 'encoder', 'indent', 'key_separator', 'item_separator',
               'sort_keys', 'skipkeys', 'allow_nan'], good))
print(''.join(E(**kw)({'a': 1}, 0)))
E(MyDict(), *good[1:])
print('dict subclass markers ok')


class BadBool:
    def __bool__(self):
        raise RuntimeError('no bool')


try:
    E(None, repr, ea, None, ':', ',', BadBool(), False, True)
except RuntimeError as x:
    print(type(x).__name__, x)
