# A flag instead of an Event: the main thread sleeps for "long enough" and
# then reads a plain flag the worker sets when done.  Usually the worker is
# done; when it is delayed, the result is read before it exists.  Fixed
# twin: flag_not_event_locked.py (waits on an Event).
import threading
import time

done = False
results = []


def step(total, i):
    return total + i * i


def worker():
    global done
    total = 0
    for i in range(400):
        total = step(total, i)
    results.append(total)
    done = True


t = threading.Thread(target=worker)
t.start()
time.sleep(0.02)
ready = done
t.join()
print("ready after the sleep:", ready)
assert ready, "worker not done when the flag was read"
