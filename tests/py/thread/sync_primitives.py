import threading

# Condition: producer/consumer with wait_for
cond = threading.Condition()
items = []


def consumer(out):
    with cond:
        cond.wait_for(lambda: len(items) >= 3)
        out.append(list(items))


out = []
c = threading.Thread(target=consumer, args=(out,))
c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify_all()
c.join()
print(out)
with cond:
    print(cond.wait(0.01))

# Semaphore and BoundedSemaphore
sem = threading.Semaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release(2)
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError", e)

# Event
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
hits = []
ws = [threading.Thread(target=lambda: hits.append(ev.wait(5))) for _ in range(3)]
for w in ws: w.start()
ev.set()
for w in ws: w.join()
print(hits, ev.is_set())
ev.clear()
print(ev.is_set())

# Barrier
order = []
lock = threading.Lock()
bar = threading.Barrier(3, action=lambda: order.append("action"))


def party(k):
    with lock:
        order.append("before")
    i = bar.wait()
    with lock:
        order.append("after")


ps = [threading.Thread(target=party, args=(k,)) for k in range(3)]
for p in ps: p.start()
for p in ps: p.join()
print(order.count("before"), order.index("action"), order.count("after"))
print(bar.parties, bar.n_waiting, bar.broken)

# Timer
fired = []
t = threading.Timer(0.01, fired.append, args=("fired",))
t.start(); t.join()
t2 = threading.Timer(10, fired.append, args=("never",))
t2.start(); t2.cancel(); t2.join()
print(fired)

# local
loc = threading.local()
loc.x = "main"
seen = []


def f():
    seen.append(hasattr(loc, "x"))
    loc.x = "thread"
    seen.append(loc.x)


th = threading.Thread(target=f)
th.start(); th.join()
print(seen, loc.x)
