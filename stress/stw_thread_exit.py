# Threads start, retire shared containers and exit while another thread
# keeps stopping the world (sys._current_frames): a thread that waits for
# its deferred frees at exit must not hold up the pause (that deadlocked:
# the pause waited for the exiting thread, whose grace period waited for
# the pausing thread).
import sys
import threading

stop = False
shared = {}


def short(k):
    for i in range(200):
        shared[k] = [i] * 8      # replaced lists are freed through QSBR
        shared.pop(k, None)


def pauser():
    n = 0
    while not stop:
        n += len(sys._current_frames())
    return n


p = threading.Thread(target=pauser)
p.start()
for round_ in range(60):
    ts = [threading.Thread(target=short, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
stop = True
p.join()
print("ok stw_thread_exit")
