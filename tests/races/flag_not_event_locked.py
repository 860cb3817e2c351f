# Twin of flag_not_event.py: the main thread waits on an Event the worker
# sets when its result is stored.
import threading

finished = threading.Event()
results = []


def step(total, i):
    return total + i * i


def worker():
    total = 0
    for i in range(400):
        total = step(total, i)
    results.append(total)
    finished.set()


t = threading.Thread(target=worker)
t.start()
finished.wait()
ready = finished.is_set()
t.join()
print("ready after the sleep:", ready)
assert ready, "worker not done when the flag was read"
