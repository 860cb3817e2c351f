# Lost update: `counter += 1` is a read, an add and a write; two threads
# that read the same value both write value + 1 and one increment is lost.
# Fixed twin: lost_update_locked.py.
import threading

N_THREADS = 4
N = 300
counter = 0


def work():
    global counter
    for _ in range(N):
        counter += 1


threads = [threading.Thread(target=work) for _ in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", counter)
assert counter == N_THREADS * N, "lost updates: %d of %d" % (N_THREADS * N - counter, N_THREADS * N)
