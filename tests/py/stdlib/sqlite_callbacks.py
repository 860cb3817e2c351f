# sqlite3: user functions, aggregates, collations, authorizer, progress
# handler, trace callback, adapters and converters (detect_types).
import datetime
import sqlite3

def t(f):
    try:
        print("ok", f())
    except Exception as e:
        print(type(e).__name__, e)

con = sqlite3.connect(":memory:")
con.create_function("double", 1, lambda x: x * 2)
con.create_function("kinds", -1, lambda *a: ",".join(type(x).__name__ for x in a))
con.create_function("det", 1, lambda x: x, deterministic=True)
print(con.execute("select double(21), double(1.25), double('ab'), double(x'0102')").fetchone())
print(con.execute("select kinds(1, 2.0, 'x', x'00', null)").fetchone())
print(con.execute("select kinds()").fetchone(), con.execute("select det(3)").fetchone())
con.create_function("ret", 1, lambda x: [None, 1, 2.5, "s", b"b", bytearray(b"ba"), True][x])
print([con.execute("select ret(?)", (i,)).fetchone()[0] for i in range(7)])
con.create_function("boom", 0, lambda: 1 / 0)
t(lambda: con.execute("select boom()").fetchone())
con.create_function("bad", 0, lambda: object())
t(lambda: con.execute("select bad()").fetchone())
con.create_function("big", 0, lambda: 2**64)
t(lambda: con.execute("select big()").fetchone())
t(lambda: con.execute("select double(1, 2)").fetchone())
con.create_function("double", 1, None)
t(lambda: con.execute("select double(1)").fetchone())

class Sum:
    def __init__(self):
        self.total = 0
    def step(self, *values):
        for v in values:
            self.total += v
    def finalize(self):
        return self.total

con.create_aggregate("mysum", -1, Sum)
con.execute("create table n(a, b)")
con.executemany("insert into n values (?, ?)", [(i, i * 10) for i in range(1, 6)])
print(con.execute("select mysum(a), mysum(a, b) from n").fetchone())
print(con.execute("select mysum(a) from n where a > 100").fetchone())
print(con.execute("select a % 2, mysum(b) from n group by a % 2 order by 1").fetchall())

class BadStep(Sum):
    def step(self, v):
        raise ValueError
class BadInit(Sum):
    def __init__(self):
        raise ValueError
class BadFinal(Sum):
    def finalize(self):
        raise ValueError
class BadResult(Sum):
    def finalize(self):
        return {}
for cls in (BadStep, BadInit, BadFinal, BadResult):
    con.create_aggregate(cls.__name__, 1, cls)
    t(lambda: con.execute("select %s(a) from n" % cls.__name__).fetchone())

# collations
def rev(a, b):
    return (a < b) - (a > b)
con.create_collation("rev", rev)
con.execute("create table w(s)")
con.executemany("insert into w values (?)", [("b",), ("a",), ("c",), ("B",)])
print(con.execute("select s from w order by s collate rev").fetchall())
con.create_collation("boom", lambda a, b: 1 / 0)
t(lambda: len(con.execute("select s from w order by s collate boom").fetchall()))
con.create_collation("rev", None)
t(lambda: con.execute("select s from w order by s collate rev").fetchall())

# authorizer
def auth(action, arg1, arg2, dbname, source):
    if action == sqlite3.SQLITE_READ and arg2 == "secret":
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and arg2 == "hidden":
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK
con.execute("create table p(name, secret, hidden)")
con.execute("insert into p values ('n', 's', 'h')")
con.set_authorizer(auth)
print(con.execute("select name, hidden from p").fetchall())
t(lambda: con.execute("select secret from p").fetchall())
con.set_authorizer(lambda *a: 1 / 0)
t(lambda: con.execute("select name from p").fetchall())
con.set_authorizer(lambda *a: "x")
t(lambda: con.execute("select name from p").fetchall())
con.set_authorizer(None)
print(con.execute("select secret from p").fetchall())

# progress handler
calls = []
def progress():
    calls.append(1)
    return 0
con.set_progress_handler(progress, 1)
con.execute("select mysum(a) from n").fetchall()
print(len(calls) > 0)
con.set_progress_handler(lambda: 1, 1)
t(lambda: con.execute("select mysum(a) from n").fetchall())
con.set_progress_handler(None, 1)
print(con.execute("select count(*) from n").fetchone())

# trace callback
traced = []
con.set_trace_callback(traced.append)
con.execute("select ?", (5,))
con.execute("insert into w values ('t')")
con.set_trace_callback(None)
con.execute("select 2")
print(traced)

# adapters and converters
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
sqlite3.register_adapter(Point, lambda p: "%s;%s" % (p.x, p.y))
sqlite3.register_converter("point", lambda b: Point(*map(float, b.split(b";"))))
print(sqlite3.adapt(Point(1, 2)), sqlite3.adapt(5, sqlite3.PrepareProtocol, "alt"))
class Conforming:
    def __conform__(self, proto):
        if proto is sqlite3.PrepareProtocol:
            return "conformed"
print(sqlite3.adapt(Conforming()))

con2 = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
con2.execute("create table q(p point, d date, ts timestamp, i integer)")
con2.execute("insert into q values (?, ?, ?, ?)",
             (Point(1.5, 2), datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 600), 7))
con2.execute("insert into q values (?, ?, ?, ?)", (None, None, None, Conforming()))
rows = con2.execute("select * from q").fetchall()
print(rows[0])
print(rows[1])
print(con2.execute('select p as "p [point]", p as "raw" from q limit 1').fetchone())
cur = con2.execute('select 1 as "x [integer]"')
print(cur.description[0][0])
print("POINT" in sqlite3.converters, (Point, sqlite3.PrepareProtocol) in sqlite3.adapters)
con2.close()
con.close()
print("done")
