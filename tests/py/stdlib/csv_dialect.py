# _csv.Dialect validation and attributes, the dialect registry, csv.Dialect classes.
import _csv
import csv
import io


def show(d):
    print([d.delimiter, d.doublequote, d.escapechar, d.lineterminator,
           d.quotechar, d.quoting, d.skipinitialspace, d.strict])


def make(*a, **kw):
    try:
        show(_csv.Dialect(*a, **kw))
    except Exception as e:
        print(type(e).__name__, e)


make()
make(delimiter=';', quotechar="'", escapechar='\\', doublequote=0,
     skipinitialspace=1, strict=[1], lineterminator='\n', quoting=csv.QUOTE_ALL)
make(delimiter=3)
make(delimiter='ab')
make(delimiter='')
make(delimiter=None)
make(quotechar=3)
make(quotechar='ab')
make(quotechar=None)
make(quotechar=None, quoting=csv.QUOTE_MINIMAL)
make(quotechar=None, quoting=csv.QUOTE_NONE)
make(escapechar=3)
make(escapechar='xy')
make(escapechar=None)
make(quoting=7)
make(quoting=-1)
make(quoting='a')
make(quoting=2 ** 70)
make(quoting=True)
make(lineterminator=3)
make(lineterminator=None)
make(lineterminator='')
make(delimiter=' ')
make(delimiter='\u00e9', quotechar='\U0001f600')
make(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
make(None, ';')
make(bogus=1)
make('nope')
make('excel', delimiter=';')
make(csv.excel_tab)
make(csv.unix_dialect, quoting=csv.QUOTE_NONE)


class Partial:
    delimiter = ':'
    quotechar = None


make(Partial)


class Raising:
    @property
    def delimiter(self):
        raise ValueError("ignored")


make(Raising())

d = _csv.Dialect(delimiter=';')
print(_csv.Dialect(d) is d, _csv.Dialect(dialect=d) is d, _csv.Dialect(d, strict=True) is d)
print(type(d).__name__, type(d).__module__)
for attr in ('delimiter', 'quoting', 'strict'):
    try:
        setattr(d, attr, 'x')
    except AttributeError as e:
        print(type(e).__name__, e)


class Sub(_csv.Dialect):
    pass


s = Sub(delimiter='|')
print(type(s).__name__, s.delimiter, isinstance(s, _csv.Dialect))

# the registry
print(sorted(csv.list_dialects()))
csv.register_dialect('semi', delimiter=';')
print(csv.get_dialect('semi').delimiter, 'semi' in csv.list_dialects())
csv.register_dialect('semi2', 'semi', quotechar="'")
show(csv.get_dialect('semi2'))
csv.register_dialect('cls', csv.excel_tab)
show(csv.get_dialect('cls'))
print(list(csv.reader(['a;b'], 'semi')))
csv.unregister_dialect('semi')
print(sorted(csv.list_dialects()))
for f, a in [(csv.get_dialect, ('semi',)), (csv.unregister_dialect, ('semi',)),
             (csv.get_dialect, ([],)), (csv.unregister_dialect, ([],)),
             (csv.register_dialect, (3,)), (csv.register_dialect, ()),
             (csv.register_dialect, ('a', 'b', 'c')),
             (csv.register_dialect, ('bad', None)),
             (csv.register_dialect, ('bad',)),
             (csv.register_dialect, ('bad2',), ),
             (csv.get_dialect, ())]:
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)
try:
    csv.register_dialect('bad3', delimiter='::')
except TypeError as e:
    print(type(e).__name__, e)
print('bad3' in csv.list_dialects())
print(type(_csv._dialects).__name__, sorted(_csv._dialects))


# csv.Dialect subclasses validate through _csv.Dialect
class Mine(csv.Dialect):
    delimiter = ';'
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL


print(Mine().delimiter)
try:
    class Broken(csv.Dialect):
        delimiter = ';;'
        quotechar = '"'
        doublequote = True
        skipinitialspace = False
        lineterminator = '\n'
        quoting = csv.QUOTE_MINIMAL
    Broken()
except csv.Error as e:
    print(type(e).__name__, e)
try:
    csv.Dialect()
except csv.Error as e:
    print(type(e).__name__, e)

print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
print(_csv.__version__, csv.__version__)
print(issubclass(csv.Error, Exception), csv.Error.__module__, csv.Error.__name__)
print(sorted(x for x in dir(_csv) if not x.startswith('__')))
print(type(csv.reader([])).__name__, type(csv.writer(open('/dev/null', 'w'))).__name__)
print(_csv.Reader is type(csv.reader([])), _csv.Writer.__module__)

# str subclasses everywhere; a Dialect subclass with its own __init__
class S(str):
    pass


print(list(csv.reader([S('a,"b\u00e9",c')], delimiter=S(','))))
s = io.StringIO()
csv.writer(s, lineterminator=S('\n')).writerow([S('x,y'), S('\u00e9')])
print(repr(s.getvalue()))
csv.register_dialect(S('sub'), delimiter=';')
print(csv.get_dialect('sub').delimiter, list(csv.reader(['a,b'], dialect=S('sub'))))


class D(_csv.Dialect):
    def __init__(self, *a, **k):
        self.extra = 1


d = D(delimiter=':')
print(d.delimiter, d.extra, list(csv.reader(['a:b'], d)))
