# 10 000 short-lived threads, started in waves.
import threading

results = []
lock = threading.Lock()


def job(i):
    with lock:
        results.append(i)


TOTAL, WAVE = 10000, 50
for base in range(0, TOTAL, WAVE):
    ts = [threading.Thread(target=job, args=(base + i,)) for i in range(WAVE)]
    for t in ts: t.start()
    for t in ts: t.join()
assert sorted(results) == list(range(TOTAL))
assert threading.active_count() == 1, threading.active_count()
print("ok thread_churn")
