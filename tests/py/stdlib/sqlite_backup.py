# sqlite3: Connection.backup, serialize/deserialize, iterdump, limits,
# interrupt, a file database reopened, Connection(sql).
import os
import sqlite3
import tempfile

def t(f):
    try:
        print("ok", repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

src = sqlite3.connect(":memory:")
src.executescript("""
    create table foo(key integer primary key, v text);
    insert into foo(v) values ('a'), ('b'), ('c');
    create index foo_v on foo(v);
    create view fv as select v from foo;
""")
steps = []
dst = sqlite3.connect(":memory:")
src.backup(dst, pages=1, progress=lambda status, remaining, total: steps.append((status, remaining, total)))
print(dst.execute("select * from foo").fetchall(), len(steps) > 0, steps[-1][1])
t(lambda: src.backup(src))
t(lambda: src.backup("x"))
t(lambda: src.backup(dst, 1))
t(lambda: src.backup(dst, progress="bar"))
t(lambda: src.backup(dst, name="nosuch"))
def bad(*a):
    raise KeyError("stop")
t(lambda: src.backup(sqlite3.connect(":memory:"), progress=bad))
dst.execute("insert into foo(v) values ('d')")
t(lambda: src.backup(dst))
dst.rollback()

data = src.serialize()
print(type(data).__name__, len(data) > 0, data[:15])
other = sqlite3.connect(":memory:")
other.deserialize(data)
print(other.execute("select v from fv order by v").fetchall())
t(lambda: other.deserialize("str"))
t(lambda: other.deserialize(b"\0\1\3") or other.execute("select 1 from sqlite_master").fetchall())
t(lambda: src.serialize(name="nosuch"))

for line in src.iterdump():
    print(line)

print(src.getlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH) > 100)
old = src.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100)
t(lambda: src.execute("select 1".ljust(101)))
t(lambda: src.executescript("select 1;".ljust(101)))
src.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, old)
t(lambda: type(src("select 1")).__name__)
t(lambda: src("selec"))
t(lambda: src.interrupt())

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "test.db")
    con = sqlite3.connect(path)
    con.execute("create table t(x)")
    con.executemany("insert into t values (?)", [(i,) for i in range(5)])
    con.commit()
    con.close()
    import pathlib
    con = sqlite3.connect(pathlib.Path(path), timeout=1, isolation_level="EXCLUSIVE")
    print(con.execute("select sum(x) from t").fetchone(), con.isolation_level)
    con2 = sqlite3.connect(path.encode(), timeout=0)
    con.execute("insert into t values (5)")
    t(lambda: con2.execute("select * from t").fetchall())
    con.commit()
    print(con2.execute("select count(*) from t").fetchone())
    con2.close()
    con.close()
    uri = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    t(lambda: uri.execute("insert into t values (1)"))
    uri.close()
ext = sqlite3.connect(":memory:")
t(lambda: ext.load_extension("nosuch"))
t(lambda: ext.enable_load_extension(True))
t(lambda: ext.load_extension("/nosuch"))
t(lambda: ext.enable_load_extension(False))
ext.close()
print("done")
