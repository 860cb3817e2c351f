# json.dumps / json.dump / JSONEncoder through the public API, with every
# option: the C encoder runs whenever indent is None.
import enum
import io
import json
from collections import OrderedDict, UserDict, UserList, namedtuple
from decimal import Decimal
from fractions import Fraction


def show(*args, **kw):
    try:
        print(ascii(json.dumps(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


class Color(enum.IntEnum):
    RED = 1
    GREEN = 2


class Weight(float):
    def __repr__(self):
        return 'Weight(%s)' % float.__repr__(self)


class Name(str):
    def __str__(self):
        return 'Name!'


Point = namedtuple('Point', 'x y')


class Loop0:
    pass

doc = {
    'name': 'pvm \u2603 "quoted" \\ back',
    'ints': [0, -1, 2**63, -(2**100), Color.RED, True, False],
    'floats': [0.5, -0.0, 1e100, 1e-100, 3.141592653589793, Weight(2.5)],
    'nested': {'a': [{'b': [{'c': None}]}], 'empty': [[], {}, ()]},
    'tuple': (1, 'two', 3.0),
    'point': Point(1, 2),
    'od': OrderedDict([('z', 1), ('a', 2)]),
    Name('key'): Name('value'),
    7: 'int key',
    2.5: 'float key',
    None: 'none key',
    True: 'bool key',
    Color.GREEN: 'enum key',
}
show(doc)
show(doc, ensure_ascii=False)
show(doc, separators=(',', ':'))
show(doc, separators=(' , ', ' : '))
show(doc, indent=None, separators=None)
show(doc, indent=2)
show(doc, check_circular=False)
show(doc, allow_nan=False)
show([float('nan'), float('inf'), -float('inf')])
show([float('nan')], allow_nan=False)
show({'x': float('inf')}, allow_nan=False)
show({float('-inf'): 1}, allow_nan=False)
show([Weight('nan')], allow_nan=False)
show({'b': 1, 'a': {'d': 1, 'c': 2}}, sort_keys=True)
show({'b': 1, 'a': 2}, sort_keys=True, indent=1)
show({2: 'a', 1: 'b'}, sort_keys=True)
show({2: 'a', 'x': 'b'}, sort_keys=True)
show({(1,): 1, 'a': 2}, skipkeys=True)
show({(1,): 1, 'a': 2}, skipkeys=True, sort_keys=True)
show({(1,): 1, 'a': 2})
show({b'k': 1})
show({Loop0(): 1})
show(Decimal('1.5'))
show({'a': Fraction(1, 3)})
show(object)
show(Decimal('1.5'), default=str)
show([Fraction(1, 3), {1, 2}], default=lambda o: sorted(o) if isinstance(o, set) else str(o))
show(1j, default=lambda o: o)
show([1j], default=lambda o: [o.real, o.imag], sort_keys=True, separators=(',', '='))
show(UserDict(a=1))
show(UserList([1]))
show(UserDict(a=1), default=lambda o: o.data)
show(range(3), default=list)
show(iter([1, 2]), default=list)


class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return {'re': o.real, 'im': o.imag}
        return super().default(o)


print(Enc().encode([1 + 2j, {'k': 3j}]))
print(Enc(sort_keys=True, separators=(',', ':')).encode({'b': 1j, 'a': 0}))
try:
    Enc().encode([b'x'])
except TypeError as e:
    print(type(e).__name__, e)
print(list(Enc().iterencode({'a': [1, 2]})))
print(''.join(Enc().iterencode({'a': [1, 2]}, _one_shot=True)))
print(json.JSONEncoder().encode('plain string'), json.JSONEncoder().encode(5))
print(json.JSONEncoder(ensure_ascii=False).encode('\xe9'))

# Circular structures.
a = []
a.append(a)
show(a)
d = {}
d['d'] = d
show(d)
show([d], check_circular=True)
x = [1]
show([x, x, [x]])


class Loop:
    pass


lp = Loop()
show(lp, default=lambda o: [o])
show(lp, default=lambda o: {'k': o})
show([lp, lp], default=lambda o: 'L')

# Deep nesting: RecursionError.
deep = []
for _ in range(100000):
    deep = [deep]
try:
    json.dumps(deep)
except RecursionError as e:
    print(type(e).__name__)
deep = {}
for _ in range(100000):
    deep = {'k': deep}
try:
    json.dumps(deep)
except RecursionError as e:
    print(type(e).__name__)
ok = []
for _ in range(200):
    ok = [ok]
print(len(json.dumps(ok)))

# json.dump to a file.
f = io.StringIO()
json.dump({'a': [1, 2.5, 'x']}, f, sort_keys=True)
print(f.getvalue())
f = io.StringIO()
json.dump([1, {'b': None}], f, separators=(',', ':'))
print(f.getvalue())

# Round trips.
big = {'k%d' % i: [i, str(i), i / 7, {'n': None, 't': True}] for i in range(500)}
s = json.dumps(big)
print(len(s), json.loads(s) == big)
print(json.loads(json.dumps(doc['nested'])) == {'a': [{'b': [{'c': None}]}], 'empty': [[], {}, []]})


# Mutating containers from default() while they are encoded.
class Grow:
    pass


lst = [1, Grow(), 3]


def grow(o):
    lst.append(4)
    return 'g'


print(json.dumps(lst, default=grow))
lst = [1, Grow(), 3, 5, 6]


def shrink(o):
    del lst[2:]
    return 's'


print(json.dumps(lst, default=shrink))
dd = {'a': Grow(), 'b': 2}


def dmut(o):
    dd['c'] = 3
    del dd['b']
    return 'm'


print(json.dumps(dd, default=dmut))
print(sorted(dd))

# Big ints (the int/str digit limit), int subclasses, no circular check.
class BI(int):
    pass


for v in [10**5000, BI(10**5000), {10**5000: 1}, -10**4299, BI(-7), {BI(-7): BI(8)}]:
    try:
        print(len(json.dumps(v)))
    except Exception as e:
        print(type(e).__name__, e)
a = []
a.append(a)
try:
    json.dumps(a, check_circular=False)
except RecursionError as e:
    print(type(e).__name__)
try:
    json.dumps(Loop(), check_circular=False, default=lambda o: [o])
except RecursionError as e:
    print(type(e).__name__)
print(json.dumps({1: 1, '1': 2}))
print(json.dumps([1, 2], separators=('', '')))
print(ascii(json.dumps({'a': 1}, separators=('\u2603', '\xe9'), ensure_ascii=False)))
print(json.dumps('x\u2028y'), ascii(json.dumps('x\u2028y', ensure_ascii=False)))
