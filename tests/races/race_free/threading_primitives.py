import threading
data = {"n": 0}
rl = threading.RLock()
sem = threading.Semaphore(1)
cond = threading.Condition()
bar = threading.Barrier(3)
ev = threading.Event()
box = []
state = {"phase": 0}
class C: pass
shared = C()
def f(k):
    for _ in range(50):
        with rl:
            with rl:
                data["n"] += 1
        with sem:
            shared.x = getattr(shared, "x", 0) + 1
    bar.wait()
    if k == 0:
        state["phase"] = 1
        ev.set()
    else:
        ev.wait()
        assert state["phase"] == 1
    with cond:
        box.append(k)
        cond.notify_all()
ts = [threading.Thread(target=f, args=(k,)) for k in range(3)]
for t in ts: t.start()
with cond:
    cond.wait_for(lambda: len(box) == 3)
for t in ts: t.join()
counter = [0]
def g():
    for _ in range(100):
        with rl:
            counter[0] += 1
ts = [threading.Thread(target=g) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(data["n"], shared.x, sorted(box), counter[0], state)
