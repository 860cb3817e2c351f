# Twin of abba_deadlock.py: both threads take the locks in the same order.
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
        with accounts:
            with audit:
                log.append("report %d" % i)


threads = [threading.Thread(target=transfer), threading.Thread(target=report)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("entries", len(log))
