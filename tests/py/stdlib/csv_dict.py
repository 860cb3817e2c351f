# csv.DictReader / csv.DictWriter over io.StringIO, Sniffer, argument errors.
import _csv
import csv
import io

s = io.StringIO('name,age,city\r\nann,30,"New\nYork"\r\nbob,25\r\ncy,1,x,extra,more\r\n\r\ndee,4,z\r\n')
r = csv.DictReader(s)
print(r.fieldnames)
for row in r:
    print(row, r.line_num)

r = csv.DictReader(io.StringIO('1;2;3\n4;5\n'), fieldnames=['a', 'b', 'c'], delimiter=';',
                   restkey='rest', restval='?')
print(list(r))
r = csv.DictReader(io.StringIO('a,b\n1,2,3,4\n'), restkey='more')
print(list(r))
print(list(csv.DictReader(io.StringIO(''))))

out = io.StringIO()
w = csv.DictWriter(out, fieldnames=['x', 'y', 'z'], restval='-', quoting=csv.QUOTE_NONNUMERIC)
print(w.writeheader())
print(w.writerow({'x': 1, 'y': 'a,b'}))
w.writerows([{'x': 2.5, 'z': None}, {'y': 'q"q', 'z': 'n\nl'}])
print(repr(out.getvalue()))
try:
    w.writerow({'x': 1, 'bogus': 2})
except ValueError as e:
    print(type(e).__name__, e)
w2 = csv.DictWriter(io.StringIO(), ['a'], extrasaction='ignore')
print(w2.writerow({'a': 1, 'b': 2}))
try:
    csv.DictWriter(io.StringIO(), ['a'], extrasaction='nope')
except ValueError as e:
    print(type(e).__name__, e)

# round trip through DictWriter and DictReader
rows = [{'id': str(i), 'text': t} for i, t in enumerate(['plain', 'com,ma', 'quo"te', 'new\r\nline', ''])]
buf = io.StringIO(newline='')
dw = csv.DictWriter(buf, fieldnames=['id', 'text'], dialect='unix')
dw.writeheader()
dw.writerows(rows)
buf.seek(0)
print(list(csv.DictReader(buf, dialect='unix')) == rows)

sn = csv.Sniffer()
sample = 'a;b;c\n1;2;3\n4;5;6\n'
d = sn.sniff(sample)
print(repr(d.delimiter), d.quotechar, sn.has_header('name;age\nann;30\nbob;25\n'))
print(list(csv.reader(io.StringIO(sample), d)))

# argument errors of the module functions and methods
w = csv.writer(io.StringIO())
for f, args, kw in [(csv.get_dialect, (), {}), (csv.get_dialect, (1, 2), {}),
                    (csv.get_dialect, (), {'name': 'x'}),
                    (csv.unregister_dialect, (), {}), (csv.unregister_dialect, (1, 2), {}),
                    (csv.list_dialects, (1, 2), {}), (csv.list_dialects, (), {'x': 1}),
                    (w.writerow, (), {}), (w.writerow, (1, 2), {}),
                    (w.writerows, (), {}), (w.writerows, (1, 2), {})]:
    try:
        print(f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)
r = csv.reader([])
for obj in (r, w):
    try:
        obj.dialect = 1
    except AttributeError as e:
        print(type(e).__name__, e)
d = _csv.Dialect()
for a in ('doublequote', 'skipinitialspace', 'lineterminator', 'escapechar', 'quotechar'):
    for op in (lambda: setattr(d, a, 1), lambda: delattr(d, a)):
        try:
            op()
        except AttributeError as e:
            print(a, type(e).__name__, e)
