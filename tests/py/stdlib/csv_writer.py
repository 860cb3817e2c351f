# csv.writer: quoting rules, escaping, errors, lineterminators.
import csv
import io
from decimal import Decimal
from fractions import Fraction


def out(rows, **kw):
    s = io.StringIO()
    try:
        w = csv.writer(s, **kw)
        for row in rows:
            print('ret', w.writerow(row))
    except Exception as e:
        print(type(e).__name__, e)
    print(repr(s.getvalue()))


out([['a', 'b', 'c'], [1, 2.5, None, True, -3]])
out([['a,b', 'c"d', 'e\nf', 'g\rh', 'plain']])
out([['a,b', 'c\nd', 'e\rf']], lineterminator='\n')
out([['']])
out([[None]])
out([[], ['', ''], ['', 'x']])
out([['a', 1, None, 2.5, True, Decimal('1.5'), Fraction(1, 3), 1j]], quoting=csv.QUOTE_NONNUMERIC)
out([['a', 1, None, '']], quoting=csv.QUOTE_ALL)
out([['a', 'b c']], quoting=csv.QUOTE_MINIMAL, delimiter=' ')
out([['abc', 'x']], quoting=csv.QUOTE_NONE)
out([['a,b']], quoting=csv.QUOTE_NONE)
out([['a,b', 'q"x', 'e\\f']], quoting=csv.QUOTE_NONE, escapechar='\\')
out([['']], quoting=csv.QUOTE_NONE)
out([['a"b']], doublequote=False)
out([['a"b', 'c\\d', 'e,f']], doublequote=False, escapechar='\\')
out([['a"b', 'c\\d']], escapechar='\\')
out([["it's", 'x']], quotechar="'")
out([['a', 'b']], delimiter='\t', lineterminator='|')
out([['a|b', 'c']], lineterminator='|')
out([['\u00e9\u00e8', '\u65e5,\u672c', '\U0001f600']])
out([['x\u00e9y', 'z']], delimiter='\u00e9')
out([['x', 'y']], dialect='unix')
out([['x', 'y']], dialect='excel-tab')
out([range(3), (x * 2 for x in 'ab'), 'str', {'k': 1}])
out([3])
out([None])


class Boom:
    def __str__(self):
        raise RuntimeError("no str")


out([['a', Boom()]])


def gen():
    yield 'a'
    raise KeyError('mid')


out([gen()])

s = io.StringIO()
w = csv.writer(s)
print(w.writerows([[1, 2], ['a', 'b']]))
print(repr(s.getvalue()))
for bad in (3, [3]):
    try:
        w.writerows(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(w.dialect.delimiter, repr(w.dialect.lineterminator))
try:
    w.writerow()
except TypeError as e:
    print(type(e).__name__)

for f in (3, None, object()):
    try:
        csv.writer(f)
    except TypeError as e:
        print(type(e).__name__, e)


class W:
    write = 5


try:
    csv.writer(W())
except TypeError as e:
    print(type(e).__name__, e)


class L:
    def __init__(self):
        self.parts = []

    def write(self, x):
        self.parts.append(x)
        return 'ok'


lw = L()
w = csv.writer(lw, quoting=csv.QUOTE_ALL)
print(w.writerow(['a', 'b']), lw.parts)
try:
    csv.writer()
except TypeError as e:
    print(type(e).__name__, e)
try:
    csv.writer(lw, 'excel', 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    csv.writer(lw, bogus=1)
except TypeError as e:
    print(type(e).__name__, e)

# round trip
data = [['a', 'b,c', 'd"e', 'f\r\ng', ''], ['1', '', '', 'x y', '\u00e9']]
s = io.StringIO(newline='')
csv.writer(s).writerows(data)
s.seek(0)
print(list(csv.reader(s)) == data)
