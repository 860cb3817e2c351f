# Four threads share one sqlite3 connection (check_same_thread=False, an
# in-memory database) and one cursor.  Each thread inserts its own rows
# through the connection, reads counts back, runs a user function, flips
# the connection's row_factory/text_factory, and races the others on the
# shared cursor, where a second user must get "Recursive use of cursors not
# allowed." and never a crash.  At the end every row is there exactly once.
# Then threads query a connection another thread closes, and share a Blob.
import sqlite3
import threading

N = 4
K = 300
errors = []

con = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
con.execute("create table t(id integer primary key, thread, k)")
con.create_function("twice", 1, lambda x: x * 2)
shared = con.cursor()
start = threading.Barrier(N)


def work(tid):
    start.wait()
    last = 0
    for k in range(K):
        con.execute("insert into t values (?, ?, ?)", (tid * K + k, tid, k))
        (n,) = con.execute("select count(*) from t where thread = ?", (tid,)).fetchone()
        if n != k + 1:
            errors.append("thread %d sees %d rows, expected %d" % (tid, n, k + 1))
        (total,) = con.execute("select count(*) from t").fetchone()
        if total < last:
            errors.append("total went down")
        last = total
        (v,) = con.execute("select twice(?)", (k,)).fetchone()
        if v != 2 * k:
            errors.append("twice(%d) = %r" % (k, v))
        if k % 7 == 0:
            con.row_factory = None
            con.text_factory = str
        try:
            shared.execute("select id from t where thread = ? order by id", (tid,))
            rows = shared.fetchmany(5)
            for r in rows:
                if not isinstance(r, tuple) or len(r) != 1:
                    errors.append("bad row %r" % (r,))
        except sqlite3.ProgrammingError as e:
            if str(e) != "Recursive use of cursors not allowed.":
                errors.append("unexpected: %s" % e)


threads = [threading.Thread(target=work, args=(i,)) for i in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()

rows = con.execute("select id, thread, k from t order by id").fetchall()
if len(rows) != N * K:
    errors.append("%d rows, expected %d" % (len(rows), N * K))
for i, (id_, tid, k) in enumerate(rows):
    if id_ != i or tid * K + k != id_:
        errors.append("row %r out of place" % ((id_, tid, k),))
        break
con.close()

# Phase 2: one thread closes a connection while the others query it; they
# get "Cannot operate on a closed database." and nothing worse.
for round_ in range(20):
    con = sqlite3.connect(":memory:", check_same_thread=False)
    con.execute("create table t(x)")
    con.executemany("insert into t values (?)", [(i,) for i in range(50)])
    go = threading.Barrier(N + 1)

    def reader():
        go.wait()
        for _ in range(50):
            try:
                cur = con.execute("select x from t")
                for r in cur:
                    pass
            except sqlite3.ProgrammingError as e:
                if str(e) != "Cannot operate on a closed database.":
                    errors.append("unexpected: %s" % e)
                return

    readers = [threading.Thread(target=reader) for _ in range(N)]
    for th in readers:
        th.start()
    go.wait()
    con.close()
    for th in readers:
        th.join()

# Phase 3: one Blob shared by all threads: each writes its own 64-byte
# slice by index assignment and reads it back, while others seek, tell,
# read and take len(); one thread closes the blob at the end.
con = sqlite3.connect(":memory:", check_same_thread=False)
con.execute("create table b(data)")
con.execute("insert into b values (zeroblob(?))", (64 * N,))
blob = con.blobopen("b", "data", 1)
go = threading.Barrier(N)


def blob_worker(tid):
    go.wait()
    mine = bytes([tid + 1]) * 64
    for k in range(200):
        lo = tid * 64
        blob[lo:lo + 64] = mine
        if blob[lo:lo + 64] != mine:
            errors.append("blob slice %d changed under us" % tid)
        blob.seek(k % (64 * N))
        blob.tell()
        blob.read(10)
        if len(blob) != 64 * N:
            errors.append("blob length")


workers = [threading.Thread(target=blob_worker, args=(i,)) for i in range(N)]
for th in workers:
    th.start()
for th in workers:
    th.join()
expected = b"".join(bytes([i + 1]) * 64 for i in range(N))
if con.execute("select data from b").fetchone()[0] != expected:
    errors.append("blob contents wrong")
blob.close()
con.close()

# Phase 4: the default isolation level.  Each thread's first insert finds
# the connection in autocommit mode and begins a transaction; half the
# threads commit after each insert.  Testing the mode and running BEGIN or
# COMMIT is one step per connection, so no thread gets "cannot start a
# transaction within a transaction" (or "no transaction is active") and
# every row is there at the end.
for round_ in range(40):
    con = sqlite3.connect(":memory:", check_same_thread=False)
    con.execute("create table t(x)")
    go = threading.Barrier(N)

    def inserter(tid):
        go.wait()
        for k in range(5):
            try:
                con.execute("insert into t values (?)", (tid * 5 + k,))
                if tid % 2:
                    con.commit()
            except sqlite3.Error as e:
                errors.append("round %d: %s: %s" % (round_, type(e).__name__, e))

    workers = [threading.Thread(target=inserter, args=(i,)) for i in range(N)]
    for th in workers:
        th.start()
    for th in workers:
        th.join()
    con.commit()
    got = [x for (x,) in con.execute("select x from t order by x")]
    if got != list(range(N * 5)):
        errors.append("round %d: rows %r" % (round_, got))
    con.close()

if errors:
    print("\n".join(errors[:10]))
else:
    print("ok sqlite_threads")
