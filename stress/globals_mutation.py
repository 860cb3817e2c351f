# Globals rebound from many threads: under a lock the count is exact;
# without it updates may be lost (as in CPython) but nothing breaks.
import threading

counter = 0
racy = 0
lock = threading.Lock()
N, PER = 6, 20000


def work():
    global counter, racy
    for i in range(PER):
        with lock:
            counter += 1
        racy += 1
        if i % 1000 == 0:
            globals()["g%d" % (i // 1000)] = i


ts = [threading.Thread(target=work) for _ in range(N)]
for t in ts: t.start()
for t in ts: t.join()
assert counter == N * PER, counter
assert 0 < racy <= N * PER
assert g0 == 0
print("ok globals_mutation")
