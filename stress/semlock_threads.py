# Threads share _multiprocessing.SemLock objects: a recursive mutex guards a
# plain counter (every increment is there at the end, nobody else is inside
# while one thread holds it, the owner re-enters), a counting semaphore lets
# at most K threads in at once, timed and non-blocking acquires race with
# releases, and _count/_is_mine/_get_value are read while others change
# them.  The semaphores are unlinked at creation (anonymous).
import os
import threading
import _multiprocessing as m

N = 8
ROUNDS = 400
K = 3
tag = "/pvmstress%d" % os.getpid()
mutex = m.SemLock(0, 1, 1, tag + "m", True)
sem = m.SemLock(1, K, K, tag + "s", True)
counter = [0]
inside = [0]
inside_sem = []
errors = []
barrier = threading.Barrier(N)
guard = threading.Lock()


def worker(k):
    try:
        barrier.wait()
        for i in range(ROUNDS):
            if i % 3 == 0:
                got = mutex.acquire(timeout=0.001)
                if not got:
                    mutex.acquire()
            elif i % 3 == 1:
                while not mutex.acquire(False):
                    pass
            else:
                mutex.acquire()
            if not mutex._is_mine() or mutex._count() != 1:
                errors.append(("mine", k, i, mutex._count()))
            inside[0] += 1
            if inside[0] != 1:
                errors.append(("two inside", k, i))
            with mutex:  # re-entry by the owner
                counter[0] += 1
                if mutex._count() != 2:
                    errors.append(("count", k, i))
            inside[0] -= 1
            mutex.release()
            if mutex._is_mine():
                errors.append(("still mine", k, i))
            with sem:
                with guard:
                    inside_sem.append(k)
                    if len(inside_sem) > K:
                        errors.append(("sem overflow", len(inside_sem)))
                v = sem._get_value()
                if not 0 <= v <= K:
                    errors.append(("value", v))
                with guard:
                    inside_sem.remove(k)
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors[:5]
assert counter[0] == N * ROUNDS, counter
assert sem._get_value() == K and sem._count() == 0, (sem._get_value(), sem._count())
assert mutex._get_value() == 1 and mutex._count() == 0
print("ok semlock_threads")
