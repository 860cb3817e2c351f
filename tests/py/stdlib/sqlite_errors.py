# sqlite3: argument errors, binding errors, SQL errors with their
# exception classes and CPython's messages, closed objects.
import sqlite3

def t(f):
    try:
        r = f()
        print("ok", r if not isinstance(r, (sqlite3.Cursor, sqlite3.Connection)) else type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)

print([c.__name__ for c in sqlite3.DataError.__mro__])
print([c.__name__ for c in sqlite3.Warning.__mro__])
for name in ("InterfaceError", "DatabaseError", "InternalError", "OperationalError",
             "ProgrammingError", "IntegrityError", "NotSupportedError"):
    cls = getattr(sqlite3, name)
    print(name, cls.__module__, cls.__bases__[0].__name__)
print(sqlite3.Connection.__module__, sqlite3.Cursor.__name__, sqlite3.Row.__qualname__)

c = sqlite3.connect(":memory:")
print(c.Error is sqlite3.Error, c.ProgrammingError is sqlite3.ProgrammingError)
t(lambda: c.execute(1))
t(lambda: c.executemany(1, []))
t(lambda: c.execute("select ?", (object(),)))
t(lambda: c.execute("select :a", {"a": object()}))
t(lambda: c.execute("select ?", (1, 2)))
t(lambda: c.execute("select ?, ?", [1]))
t(lambda: c.execute("select ?", "ab"))
t(lambda: c.execute("select :a", {}))
t(lambda: c.execute("select ?", {"a": 1}))
t(lambda: c.execute("select ?", 1))
t(lambda: c.execute("select 1; select 2"))
t(lambda: c.execute("select 1\0"))
t(lambda: c.execute("select ?", (2**70,)).fetchall())
t(lambda: c.execute("select ?", ("a\udc80",)))
t(lambda: c.execute("selec"))
t(lambda: c.executescript(1))
t(lambda: c.executescript("select 1; selec 2"))
t(lambda: c.executemany("select ?", [(1,)]))
t(lambda: sqlite3.Cursor(1))
t(lambda: sqlite3.Row(1, ()))
t(lambda: sqlite3.Row(c.cursor(), []))
t(lambda: c.create_collation("x", 1))
t(lambda: c.create_collation(1, None))
t(lambda: c.create_function(1, 1, len))
t(lambda: setattr(c, "isolation_level", 1))
t(lambda: setattr(c, "isolation_level", "foo"))
t(lambda: sqlite3.connect(":memory:", isolation_level="bad"))
t(lambda: sqlite3.connect(":memory:", timeout="x"))
t(lambda: sqlite3.connect(":memory:", detect_types="x"))
t(lambda: sqlite3.connect(1))
t(lambda: sqlite3.connect(":memory:", foo=1))
t(lambda: c.cursor(factory=lambda c: 1))
t(lambda: c.cursor().fetchmany(size="x"))
t(lambda: setattr(c.cursor(), "arraysize", "x"))
t(lambda: setattr(c.cursor(), "rowcount", 1))
t(lambda: setattr(c, "total_changes", 1))
t(lambda: sqlite3.register_converter(1, None))
t(lambda: sqlite3.adapt(1))
t(lambda: sqlite3.adapt(object()))
t(lambda: c.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) > 0)
t(lambda: c.getlimit(100))
t(lambda: c.execute("insert into nosuch values (1)"))
c.execute("create table t(x unique, y not null)")
c.execute("insert into t values (1, 1)")
for sql in ("insert into t values (1, 2)", "insert into t values (2, null)"):
    try:
        c.execute(sql)
    except sqlite3.IntegrityError as e:
        print(type(e).__name__, e, e.sqlite_errorcode, e.sqlite_errorname)
try:
    c.execute("selec")
except sqlite3.Error as e:
    print(e.sqlite_errorcode, e.sqlite_errorname)
t(lambda: sqlite3.connect("/nonexistent/dir/x.db"))

# one cursor, two users
cu = c.cursor()
def rf(cursor, row):
    return cursor.fetchone()
cu.row_factory = None
cu.execute("select 1 union select 2")
c.create_function("recurse", 0, lambda: cu.execute("select 1").fetchone()[0])
t(lambda: c.execute("select recurse()").fetchall())

cu = c.cursor()
cu.close()
t(lambda: cu.execute("select 1"))
t(lambda: cu.fetchone())
t(lambda: cu.close())
cu2 = c.execute("select 1 union select 2")
c.close()
t(lambda: cu2.fetchone())
t(lambda: c.execute("select 1"))
t(lambda: c.cursor())
t(lambda: c.commit())
t(lambda: c.rollback())
t(lambda: c.close())
t(lambda: c.total_changes)
t(lambda: c.in_transaction)
t(lambda: c.isolation_level)
t(lambda: c.create_function("f", 1, len))
t(lambda: c.__enter__())

class C(sqlite3.Connection):
    def __init__(self):
        pass
t(lambda: C().execute("select 1"))
class Cu(sqlite3.Cursor):
    def __init__(self, con):
        pass
t(lambda: Cu(None).execute("select 1"))
