import queue, threading
class Job:
    def __init__(self, i):
        self.i = i
        self.result = None
q = queue.Queue()
out = queue.Queue()
def worker():
    while True:
        job = q.get()
        if job is None:
            break
        job.result = job.i * 2
        out.put(job)
ts = [threading.Thread(target=worker) for _ in range(3)]
for t in ts: t.start()
for i in range(50):
    q.put(Job(i))
total = 0
for i in range(50):
    j = out.get()
    total += j.result
for t in ts: q.put(None)
for t in ts: t.join()
print(total)
