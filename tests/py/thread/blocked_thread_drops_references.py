# A thread that drops its last reference to an object and then blocks (on a
# queue, a lock, a sleep) must not keep the object alive: another thread
# waits for it to die (a weakref callback, as ThreadPoolExecutor's workers
# do to learn that the executor was dropped).
import _thread
import concurrent.futures as futures
import queue
import threading
import time
import weakref


class Obj:
    def __init__(self):
        self.sem = threading.Semaphore(0)

    def touch(self):
        return 1


def waiter_simplequeue(ref, ready, q):
    obj = ref()
    obj.touch()
    obj.sem.release()
    del obj
    ready.set()
    return q.get()


def waiter_queue(ref, ready, q):
    obj = ref()
    obj.touch()
    del obj
    ready.set()
    return q.get()


def waiter_lock(ref, ready, lock):
    obj = ref()
    if obj is not None:
        obj.touch()
    del obj
    ready.set()
    lock.acquire()
    lock.release()


def waiter_event(ref, ready, ev):
    obj = ref()
    obj.touch()
    del obj
    ready.set()
    ev.wait()


def waiter_sleep(ref, ready, ev):
    obj = ref()
    obj.touch()
    del obj
    ready.set()
    while not ev.is_set():
        time.sleep(0.01)


def check(name, waiter, wake_arg, wake):
    obj = Obj()
    died = threading.Event()
    ref = weakref.ref(obj, lambda r: died.set())
    ready = threading.Event()
    t = threading.Thread(target=waiter, args=(ref, ready, wake_arg))
    t.start()
    ready.wait()
    time.sleep(0.05)  # let the thread block
    del obj
    print(name, "object freed while the thread waits:", died.wait(10))
    wake()
    t.join()
    print(name, "object gone after join:", ref() is None)


sq = queue.SimpleQueue()
check("SimpleQueue.get", waiter_simplequeue, sq, lambda: sq.put(None))
q = queue.Queue()
check("Queue.get", waiter_queue, q, lambda: q.put(None))
lock = _thread.allocate_lock()
lock.acquire()
check("lock.acquire", waiter_lock, lock, lock.release)
ev = threading.Event()
check("Event.wait", waiter_event, ev, ev.set)
ev2 = threading.Event()
check("time.sleep", waiter_sleep, ev2, ev2.set)


# test_concurrent_futures' ThreadPoolShutdownTest.test_del_shutdown: the
# workers exit once the executor is dropped, without shutdown().
def del_shutdown():
    executor = futures.ThreadPoolExecutor(max_workers=5)
    res = executor.map(abs, range(-5, 5))
    threads = executor._threads
    del executor
    for t in threads:
        t.join(10)
    print("workers exited:", not any(t.is_alive() for t in threads), len(threads) > 0)
    print("results:", list(res))
    for t in threads:
        t.join()


def del_after_results():
    executor = futures.ThreadPoolExecutor(max_workers=2)
    print("submit:", executor.submit(abs, -3).result())
    threads = list(executor._threads)
    r = weakref.ref(executor)
    del executor
    for t in threads:
        t.join(10)
    print("executor freed:", r() is None, "workers alive:", [t.is_alive() for t in threads])
    for t in threads:
        t.join()


del_shutdown()
del_after_results()


# The argument registers of a call to a Python function that binds its
# arguments the slow way (*args, keywords, defaults) are dropped after the
# call: the caller does not keep `self` alive afterwards.
class Sub:
    def submit(self, fn, /, *args, **kwargs):
        return fn(*args, **kwargs)

    def method(self, a, b=2):
        return a + b


def dead_temporaries():
    s = Sub()
    r = weakref.ref(s)
    print(s.submit(abs, -3))
    print(s.method(1))
    print(s.method(a=1, b=5))
    del s
    print("freed after del:", r() is None)


dead_temporaries()
