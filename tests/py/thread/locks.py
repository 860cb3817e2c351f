import threading

l = threading.Lock()
print(l.acquire(), l.locked(), l.acquire(False), l.acquire(timeout=0.01))
l.release()
print(l.locked())
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError", e)
with l:
    print("inside", l.locked())
print(l.locked())

r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(blocking=False))
r.release(); r.release(); r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)

counter = 0


def bump(n):
    global counter
    for _ in range(n):
        with r:
            with r:
                counter += 1


ts = [threading.Thread(target=bump, args=(2000,)) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(counter)

try:
    l.acquire(False, 1)
except ValueError as e:
    print("ValueError", e)
try:
    l.acquire(timeout=-5)
except ValueError as e:
    print("ValueError", e)
