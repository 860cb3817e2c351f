import queue
import threading

q = queue.Queue()
for i in range(5):
    q.put(i)
print(q.qsize(), q.empty(), q.full())
print([q.get() for _ in range(5)])
try:
    q.get_nowait()
except queue.Empty:
    print("Empty")
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")

bq = queue.Queue(maxsize=2)
bq.put(1); bq.put(2)
print(bq.full())
try:
    bq.put_nowait(3)
except queue.Full:
    print("Full")

lq = queue.LifoQueue()
for i in range(3): lq.put(i)
print([lq.get() for _ in range(3)])

pq = queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]: pq.put((x, str(x)))
print([pq.get() for _ in range(5)])

sq = queue.SimpleQueue()
sq.put("a"); sq.put("b")
print(sq.get(), sq.get(), sq.empty())

# task_done / join with workers
work = queue.Queue()
done = []
lock = threading.Lock()


def worker():
    while True:
        item = work.get()
        if item is None:
            work.task_done()
            break
        with lock:
            done.append(item * item)
        work.task_done()


ws = [threading.Thread(target=worker) for _ in range(3)]
for w in ws: w.start()
for i in range(30): work.put(i)
for _ in ws: work.put(None)
work.join()
for w in ws: w.join()
print(sorted(done) == [i * i for i in range(30)])
try:
    work.task_done()
except ValueError as e:
    print("ValueError", e)
