# ABBA lock-order deadlock: one thread takes a then b, the other b then a.
# If each holds its first lock when the other asks for it, both wait
# forever.  Serial stress mode reports the deadlock with both tracebacks.
# Fixed twin: abba_deadlock_locked.py (one global lock order).
import threading

accounts = threading.Lock()
audit = threading.Lock()
log = []


def transfer():
    for i in range(10):
        with accounts:
            with audit:
                log.append("transfer %d" % i)


def report():
    for i in range(10):
        with audit:
            with accounts:
                log.append("report %d" % i)


threads = [threading.Thread(target=transfer), threading.Thread(target=report)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("entries", len(log))
