# Twin of missing_notify.py: the producer notifies, and the consumer waits
# in a loop on the predicate.
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
            cond.notify()


def consumer():
    for i in range(N):
        with cond:
            while not items:
                cond.wait()
            got.append(items.pop(0)["id"])


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("consumer got", got)
assert not lost_wakeups, "lost wakeup: waited for the timeout before job %d" % lost_wakeups[0]
