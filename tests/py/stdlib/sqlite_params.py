# sqlite3: parameter styles and edge values (None/() /{} parameters, numbered
# and $/@ names, nan and infinities, VALUES rows, executescript's commit).
import sqlite3
c = sqlite3.connect(":memory:")
for f in (lambda: c.execute("select 1", None).fetchall(), lambda: c.execute("select 1", ()).fetchall(),
          lambda: c.execute("select 1", {}).fetchall(), lambda: c.executemany("insert into x values (?)", 1),
          lambda: c.execute("create table x(a)") and c.executemany("insert into x values (?)", [(1,), (2,)]).lastrowid,
          lambda: c.execute("select :1", {"1": 5}).fetchall(), lambda: c.execute("select ?1, ?2", (1, 2)).fetchall(),
          lambda: c.execute("select $a, @b", {"a": 1, "b": 2}).fetchall(),
          lambda: c.execute("select ?", [b"x"]).fetchall(), lambda: c.execute("select ?", (1.0,)).fetchall(),
          lambda: repr(sqlite3.Row), lambda: c.execute("select 1").description,
          lambda: c.executescript("create table y(b); insert into y values (1)") and c.in_transaction,
          lambda: list(c.execute("values (1), (2)")),
          lambda: c.cursor().execute("select ?", (float("nan"),)).fetchall(),
          lambda: c.execute("select 1e400, -1e400").fetchall()):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
