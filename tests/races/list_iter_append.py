# A list iterated while another thread appends: the reader takes len() and
# then iterates, expecting the two to agree (a report header and its rows),
# but appends land in between.  Fixed twin: list_iter_append_locked.py.
import threading

log = ["boot"]
mismatches = []


def writer():
    for i in range(60):
        log.append("event %d" % i)


def reporter():
    for _ in range(30):
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
