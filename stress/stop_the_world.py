# The main thread stops the world again and again while other threads run
# Python code, sleep, wait on locks and queues, and start and end.  During
# each pause no other thread may run Python code: the list they all append
# to must not change.  Afterwards every thread finishes its work.
import queue
import threading
import time

import _pvm

probe = []
stop = threading.Event()
counts = [0] * 4
q = queue.Queue()
lock = threading.Lock()


def spinner(k):
    n = 0
    while not stop.is_set():
        probe.append(k)
        n += 1
        if len(probe) > 10000:
            del probe[:5000]
    counts[k] = n


def sleeper():
    while not stop.is_set():
        time.sleep(0.0005)
        probe.append(-1)


def locker():
    while not stop.is_set():
        with lock:
            probe.append(-2)
        q.put(1)


def consumer():
    got = 0
    while True:
        x = q.get()
        if x is None:
            break
        got += x
    counts[3] = got


def short_lived():
    probe.append(-3)


workers = [threading.Thread(target=spinner, args=(k,)) for k in range(2)]
workers += [threading.Thread(target=sleeper), threading.Thread(target=locker)]
cons = threading.Thread(target=consumer)
for t in workers + [cons]:
    t.start()

pauses = 0
changed = 0
for i in range(300):
    n, moved = _pvm.stop_the_world(probe, 1)
    pauses += 1
    if moved:
        changed += 1
    if i % 10 == 0:
        t = threading.Thread(target=short_lived)
        t.start()
        t.join()
stop.set()
for t in workers:
    t.join()
q.put(None)
cons.join()
assert changed == 0, changed
assert counts[0] > 0 and counts[1] > 0, counts
assert counts[3] > 0
assert pauses == 300
print("ok stop_the_world")
