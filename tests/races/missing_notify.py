# Producer/consumer with a missing notify: the producer appends under the
# condition's lock but never notifies.  While the producer stays ahead, the
# consumer always finds an item and never waits; once it catches up it
# waits, and nobody wakes it: a lost wakeup, here seen as a wait that ends
# by its timeout.  Fixed twin: missing_notify_locked.py.
import threading

N = 5
cond = threading.Condition()
items = []
got = []
lost_wakeups = []


def make_job(i):
    job = {"id": i}
    for key in ("owner", "queue", "priority"):
        job[key] = None
    return job


def producer():
    for i in range(N):
        job = make_job(i)
        with cond:
            items.append(job)


def consumer():
    for i in range(N):
        with cond:
            if not items:
                if not cond.wait(timeout=1.0):
                    lost_wakeups.append(i)
            if items:
                got.append(items.pop(0)["id"])


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("consumer got", got)
assert not lost_wakeups, "lost wakeup: waited for the timeout before job %d" % lost_wakeups[0]
