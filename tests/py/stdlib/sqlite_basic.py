# sqlite3: connect, execute with qmark and named parameters, fetching,
# description/rowcount/lastrowid, Row, type mapping, transactions.
import sqlite3

print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.threadsafety)
print(sqlite3.PARSE_DECLTYPES, sqlite3.PARSE_COLNAMES, sqlite3.SQLITE_OK, sqlite3.SQLITE_DENY)
print(isinstance(sqlite3.sqlite_version, str), sqlite3.version)

con = sqlite3.connect(":memory:")
cur = con.cursor()
print(cur.description, cur.rowcount, cur.lastrowid, cur.arraysize, cur.connection is con)
cur.execute("create table t(i integer, f real, s text, b blob, n)")
print(cur.description, cur.rowcount)
cur.execute("insert into t values (?, ?, ?, ?, ?)", (1, 2.5, "héllo", b"\x00\x01", None))
print(cur.rowcount, cur.lastrowid, con.in_transaction)
cur.execute("insert into t values (:i, :f, :s, :b, :n)",
            {"i": -2**63, "f": -0.0, "s": "", "b": bytearray(b"xy"), "n": 7})
print(cur.rowcount, cur.lastrowid)
cur.executemany("insert into t(i, s) values (?, ?)", [(i, str(i)) for i in range(3, 8)])
print(cur.rowcount, cur.lastrowid)
cur.executemany("insert into t(i) values (?)", iter([(10,), (11,)]))
print(cur.rowcount)
con.commit()
print(con.in_transaction, con.total_changes)

cur.execute("select * from t order by i")
print([d[0] for d in cur.description])
print(cur.fetchone())
print(cur.fetchmany())
print(cur.fetchmany(2))
cur.arraysize = 3
print(cur.fetchmany())
print(cur.fetchall())
print(cur.fetchone(), cur.fetchall())
for row in con.execute("select i, s from t where i > ? order by i desc", (6,)):
    print(row)
print(con.execute("select memoryview(x'00')").fetchall() if False else "")
print(con.execute("select 1, 1.5, 'a', x'ff', null").fetchone())
print(con.execute("select ?", (True,)).fetchone(), con.execute("select ?", (memoryview(b"mv"),)).fetchone())
print(con.execute("select 9223372036854775807 + 0").fetchone())

# update / delete rowcount
cur.execute("update t set n = 1 where i > 5")
print(cur.rowcount, con.in_transaction)
cur.execute("delete from t where i = 10")
print(cur.rowcount)
con.rollback()
print(con.in_transaction, con.execute("select count(*) from t").fetchone())

# Row
con.row_factory = sqlite3.Row
row = con.execute("select 1 as a, 'x' as B").fetchone()
print(type(row).__name__, row[0], row["a"], row["b"], row["B"], row[-1], row[0:2], len(row))
print(row.keys(), list(row), tuple(row), row == row, row != row)
row2 = con.execute("select 1 as a, 'x' as B").fetchone()
print(row == row2, hash(row) == hash(row2), row == (1, "x"))
for key in ("c", 5, 1.5):
    try:
        row[key]
    except Exception as e:
        print(type(e).__name__, e)
con.row_factory = None

# row_factory on the cursor
cur = con.cursor()
cur.row_factory = lambda c, r: dict(zip([d[0] for d in c.description], r))
print(cur.execute("select 1 as one, 2 as two").fetchall())

# text_factory
con.text_factory = bytes
print(con.execute("select 'abc'").fetchone())
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc'").fetchone())
con.text_factory = str

# executescript
cur = con.executescript("""
    create table u(x);
    insert into u values (1);
    insert into u values (2);
    -- comment
""")
print(type(cur).__name__, con.execute("select sum(x) from u").fetchone(), con.in_transaction)

# isolation levels
print(repr(con.isolation_level))
con.isolation_level = None
con.execute("insert into u values (3)")
print(con.in_transaction)
con.isolation_level = "immediate"
print(con.isolation_level)
con.execute("insert into u values (4)")
print(con.in_transaction)
con.isolation_level = None
print(con.in_transaction)

# context manager
with con:
    con.execute("insert into u values (5)")
print(con.execute("select count(*) from u").fetchone())
try:
    with con:
        con.execute("insert into u values (6)")
        raise ValueError("boom")
except ValueError as e:
    print("ValueError", e)
print(con.execute("select count(*) from u").fetchone())

# empty statement, comments
print(con.execute("").fetchall(), con.execute("-- nothing").description)
print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))
con.close()
con.close()
print("done")
