# Twin of list_iter_append.py: appends and the len-then-iterate report
# hold the same lock.
import threading

log = ["boot"]
mismatches = []
lock = threading.Lock()


def writer():
    for i in range(60):
        with lock:
            log.append("event %d" % i)


def reporter():
    for _ in range(30):
        with lock:
            n = len(log)
            rows = 0
            for line in log:
                rows += 1
        if rows != n:
            mismatches.append((n, rows))


threads = [threading.Thread(target=reporter), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("entries", len(log))
assert not mismatches, "header said %d rows, iteration gave %d" % mismatches[0]
