# Twin of lost_update.py: the read-modify-write happens under a lock.
import threading

N_THREADS = 4
N = 300
counter = 0
lock = threading.Lock()


def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


threads = [threading.Thread(target=work) for _ in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", counter)
assert counter == N_THREADS * N, "lost updates: %d of %d" % (N_THREADS * N - counter, N_THREADS * N)
