# Threads share one csv reader (over one list iterator), one csv writer,
# the dialect registry and the field size limit.  Every record read is
# whole and correct and each is read by exactly one thread; line_num counts
# every line; every line written parses back to the row that was written;
# the registry and field_size_limit stay consistent under concurrent updates.
import csv
import threading
import types

N = 4
LINES = 4000
errors = []


def record(i):
    return [str(i), 'f"%d' % i, 'a,b' if i % 2 else '', '\u00e9' * (i % 5)]


lines = []
for i in range(LINES):
    out = []
    csv.writer(types.SimpleNamespace(write=out.append)).writerow(record(i))
    lines.append(out[0])

reader = csv.reader(iter(lines))
seen = [[] for _ in range(N)]


def read(k):
    try:
        for row in reader:
            i = int(row[0])
            if row != record(i):
                errors.append('bad row %r' % (row,))
            seen[k].append(i)
    except Exception as e:
        errors.append('reader: %s %s' % (type(e).__name__, e))


written = []
writer = csv.writer(types.SimpleNamespace(write=written.append), quoting=csv.QUOTE_NONNUMERIC)


def write(k):
    for i in range(1000):
        writer.writerow([k, i, 'x,"%d"' % i, 1.5])
    writer.writerows([[k, -1, 'end', 0.5]] * 10)


def registry(k):
    name = 'd%d' % k
    for i in range(500):
        csv.register_dialect(name, delimiter=';' if i % 2 else '|')
        d = csv.get_dialect(name)
        if d.delimiter not in ';|':
            errors.append('bad dialect')
        if name not in csv.list_dialects():
            errors.append('registered dialect missing')
        r = list(csv.reader(['a;b|c'], name))
        if r not in ([['a', 'b|c']], [['a;b', 'c']]):
            errors.append('bad parse %r' % (r,))
        csv.unregister_dialect(name)
        try:
            csv.get_dialect(name)
            errors.append('unregistered dialect found')
        except csv.Error:
            pass
        csv.field_size_limit(100000 + k)


def multiline(shared):
    # Records spanning lines while threads interleave lines: no crash, no
    # lost line.
    try:
        for row in shared:
            pass
    except csv.Error:
        pass


threads = [threading.Thread(target=read, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=write, args=(k,)) for k in range(N)]
threads += [threading.Thread(target=registry, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()

allseen = sorted(i for s in seen for i in s)
if allseen != list(range(LINES)):
    errors.append('records lost or duplicated: %d' % len(allseen))
if reader.line_num != LINES:
    errors.append('line_num %d' % reader.line_num)
if len(written) != N * 1010:
    errors.append('written %d' % len(written))
for line in written:
    row = next(csv.reader([line], quoting=csv.QUOTE_NONNUMERIC))
    if len(row) != 4 or row[3] not in (1.5, 0.5) or not (row[2] == 'end' or row[2] == 'x,"%d"' % row[1]):
        errors.append('bad written line %r' % line)
if csv.field_size_limit() not in range(100000, 100000 + N):
    errors.append('bad field_size_limit')
if sorted(csv.list_dialects()) != ['excel', 'excel-tab', 'unix']:
    errors.append('registry %r' % csv.list_dialects())

ml = ['"a\n', 'b",c\n'] * 2000 + ['x,"y\n', '\n', 'z"\n'] * 500
shared = csv.reader(iter(ml))
ts = [threading.Thread(target=multiline, args=(shared,)) for _ in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
if shared.line_num != len(ml):
    errors.append('multiline line_num %d' % shared.line_num)

csv.field_size_limit(128 * 1024)
print(errors[:5] if errors else 'ok csv_shared')
