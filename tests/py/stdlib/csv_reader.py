# csv.reader: dialects, quoting, escaping, multi-line fields, edge cases.
import csv
import io


def rows(data, **kw):
    try:
        r = csv.reader(data, **kw)
        out = list(r)
        print(repr(out), r.line_num)
    except Exception as e:
        print(type(e).__name__, e)


rows(['a,b,c\r\n', '1,2,3\r\n'])
rows(['a,b,c'])
rows([''])
rows(['\r\n', '\n', 'x\n'])
rows(['a,,c', ',', ',,'])
rows(['"a,b",c', '"x""y",z'])
rows(['"multi\n', 'line",x\n', 'after\n'])
rows(['"multi\r\n', '\r\n', 'line"\r\n'])
rows(['a;b;c'], delimiter=';')
rows(['a\tb'], dialect='excel-tab')
rows(['a b'], delimiter=' ')
rows(['a,  b, "c"'], skipinitialspace=True)
rows(['a,  b, "c"'])
rows(["'a,b',c"], quotechar="'")
rows(['"a,b",c'], quoting=csv.QUOTE_NONE)
rows(['a\\,b,c'], escapechar='\\')
rows(['a\\\nb'], escapechar='\\')
rows(['a\\'], escapechar='\\')
rows(['"a\\"b",c'], escapechar='\\', doublequote=False)
rows(['"a"b",c'], doublequote=False)
rows(['"ab"c,d'])
rows(['"ab"c,d'], strict=True)
rows(['"ab'], strict=True)
rows(['"ab'])
rows(['"ab\n', 'cd'])
rows(['a\rb'])
rows(['a\nb'])
rows(['a\x00b,c'])
rows(['1,2.5,"x",-3e2'], quoting=csv.QUOTE_NONNUMERIC)
rows(['1,abc'], quoting=csv.QUOTE_NONNUMERIC)
rows(['1,,2'], quoting=csv.QUOTE_NONNUMERIC)
rows(['h\u00e9llo,w\u00f6rld,\u65e5\u672c,\U0001f600'])
rows(['\u00e9|\u00e8'], delimiter='|')
rows(['x\u00e9y\u00e9z'], delimiter='\u00e9')
rows(['\u00abq,r\u00bb,s'], quotechar='\u00ab')
rows([b'a,b'])
rows([1])
rows(5)
rows(iter(['a', 'b']))
rows(('x,y' for _ in range(3)))
rows(io.StringIO('a,b\r\nc,"d\r\ne"\r\n'))
rows(io.StringIO('a,b\nc,d\n', newline=''))


class Bad:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError("boom")


rows(Bad())

r = csv.reader(['a,b', 'c'])
print(next(r), r.line_num, next(r), r.line_num)
try:
    next(r)
except StopIteration:
    print("stop", r.line_num)
print(iter(r) is r)
print(r.dialect.delimiter, r.dialect.quoting)
try:
    r.line_num = 3
except AttributeError as e:
    print(type(e).__name__)

# after an error the reader goes on with the next line
r = csv.reader(['"a"b', 'c,d', '"x"y,z'], strict=True)
for _ in range(4):
    try:
        print(next(r))
    except StopIteration:
        print("stop")
        break
    except csv.Error as e:
        print(type(e).__name__, e)

# field size limit
print(csv.field_size_limit())
old = csv.field_size_limit(4)
print(old, csv.field_size_limit())
rows(['abcd,ef'])
rows(['abcde,ef'])
rows(['"abcde"'])
print(csv.field_size_limit(old))
for bad in ('a', 1.5, None):
    try:
        csv.field_size_limit(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    csv.field_size_limit(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    csv.field_size_limit(limit=2)
except TypeError as e:
    print(type(e).__name__, e)

for args in [(), ([], 'excel', 3)]:
    try:
        csv.reader(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    csv.reader([], foo=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    csv.reader([], 'nope')
except csv.Error as e:
    print(type(e).__name__, e)

# read-only attributes, odd limits, long fields
r = csv.reader([])
for op in (lambda: setattr(r, 'line_num', 3), lambda: delattr(r, 'line_num'),
           lambda: setattr(r, 'x', 1)):
    try:
        op()
    except AttributeError as e:
        print(type(e).__name__, e)
print(csv.field_size_limit(-1))
rows(['a'])
rows([''])
print(csv.field_size_limit(0))
rows(['', ',', '""'])
csv.field_size_limit(131072)
try:
    csv.field_size_limit(2 ** 70)
except OverflowError as e:
    print(type(e).__name__, e)
print(len(list(csv.reader(['x' * 100000]))[0][0]))
rows(['x' * 200000])
rows(['"' + 'y' * 70000 + '\n', 'z' * 70000 + '"'])
