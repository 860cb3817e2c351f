# sqlite3 objects and threads: check_same_thread=True (the default) refuses
# use from another thread with CPython's ProgrammingError; with False the
# connection is usable from any thread; interrupt() works from any thread.
import sqlite3
import threading

con = sqlite3.connect(":memory:")
cur = con.cursor()
results = []

def other():
    for name, f in (("execute", lambda: con.execute("select 1")),
                    ("cursor", lambda: con.cursor()),
                    ("commit", lambda: con.commit()),
                    ("close", lambda: con.close()),
                    ("total_changes", lambda: con.total_changes),
                    ("cursor.execute", lambda: cur.execute("select 1")),
                    ("Cursor()", lambda: sqlite3.Cursor(con))):
        try:
            f()
            results.append((name, "ok"))
        except sqlite3.ProgrammingError as e:
            msg = str(e)
            results.append((name, type(e).__name__, msg.split(" The object")[0],
                            str(threading.get_ident()) in msg,
                            "created in thread id %d" % main_id in msg))
    try:
        con.interrupt()
        results.append(("interrupt", "ok"))
    except Exception as e:
        results.append(("interrupt", type(e).__name__))

main_id = threading.get_ident()
th = threading.Thread(target=other)
th.start()
th.join()
for r in results:
    print(r)
print(con.execute("select 1").fetchone())

con2 = sqlite3.connect(":memory:", check_same_thread=False)
con2.execute("create table t(x)")
def writer(i):
    con2.execute("insert into t values (?)", (i,))
ths = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
for th in ths:
    th.start()
for th in ths:
    th.join()
con2.commit()
print(con2.execute("select sorted_ from (select group_concat(x) as sorted_ from (select x from t order by x))").fetchone())
con2.close()
con.close()
