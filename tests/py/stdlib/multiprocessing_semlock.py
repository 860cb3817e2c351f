# _multiprocessing.SemLock, sem_unlink and flags: the native API that
# multiprocessing.synchronize builds on, with CPython's error messages.
import os
import threading
import _multiprocessing as m

tag = "/pvmt%d" % os.getpid()
RECURSIVE_MUTEX, SEMAPHORE = 0, 1

print(sorted(x for x in dir(m) if not x.startswith('__')))
print(m.flags)
print(m.SemLock.SEM_VALUE_MAX)
print(sorted(x for x in dir(m.SemLock) if not x.startswith('__')))
print(m.SemLock.__module__, m.SemLock.__name__, m.SemLock)

s = m.SemLock(SEMAPHORE, 1, 1, tag + "a", True)
print(s.name, s.kind, s.maxvalue, type(s.handle))


def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: m.SemLock(5, 1, 1, tag + "b", True))
check(lambda: m.SemLock(1, 1, 1, "bad/name", True))
check(lambda: s.release())
check(lambda: m.SemLock(RECURSIVE_MUTEX, 1, 1, tag + "c", True).release())
check(lambda: s.acquire(timeout="x"))
check(lambda: m.sem_unlink(tag + "nonexistent"))
check(lambda: m.SemLock(1, 1, 1, 5, True))
check(lambda: m.SemLock(1, -1, 1, tag + "d", True))
check(lambda: m.SemLock(1, 1.5, 1, tag + "e", True))
check(lambda: m.SemLock())
check(lambda: m.SemLock(1, 1, 1, tag + "f", True, 7))

print(s.acquire(), s._count(), s._is_mine(), s._get_value(), s._is_zero())
print(s.acquire(False), s.acquire(timeout=0.01), s.acquire(True, -1), s.acquire(block=False))
s.release()
print(s._count(), s._get_value(), s._is_zero())

# A semaphore counts; values above maxvalue are refused.
c = m.SemLock(SEMAPHORE, 2, 3, tag + "g", True)
print(c.acquire(), c.acquire(), c.acquire(False), c._count())
c.release(); c.release(); c.release()
check(lambda: c.release())
print(c._get_value(), c._count())

# A recursive mutex with a name; reopened by name and by handle.
r = m.SemLock(RECURSIVE_MUTEX, 1, 1, tag + "h", False)
print(r.name == tag + "h")
with r:
    print(r._count(), r.acquire(), r._count(), r._is_mine())
    r.release()
print(r._count(), r._is_mine())
r2 = m.SemLock._rebuild(r.handle, r.kind, r.maxvalue, r.name)
print(r2.name == r.name, r2.kind, r2._get_value())
r3 = m.SemLock._rebuild(s.handle, s.kind, s.maxvalue, None)
print(r3._get_value(), r3.handle == s.handle, r3.name)
m.sem_unlink(tag + "h")
check(lambda: m.SemLock._rebuild(0, 0, 1, tag + "h"))

# Ownership is per thread.
r.acquire()
out = []
t = threading.Thread(target=lambda: out.append((r._is_mine(), r.acquire(timeout=0.05))))
t.start()
t.join()
print(out, r._is_mine(), r._count())
r._after_fork()
print(r._count(), r._is_mine())
check(lambda: r.release())
