# A lock acquire with a timeout in the main thread while another thread
# keeps sending it signals: each signal runs its handler, and the acquire
# still gives up once the timeout is spent (pvm used to wait forever when a
# signal came after the deadline).  test_threadsignals' timed-acquire case.
import _thread
import os
import signal
import time

pid = os.getpid()
received = 0


def handler(signum, frame):
    global received
    received += 1


signal.signal(signal.SIGUSR1, handler)
done = _thread.allocate_lock()
done.acquire()
lock = _thread.allocate_lock()
lock.acquire()


def send_signals():
    for _ in range(40):
        time.sleep(0.02)
        os.kill(pid, signal.SIGUSR1)
    done.release()


_thread.start_new_thread(send_signals, ())
start = time.monotonic()
print("acquired:", lock.acquire(timeout=0.5))
print("waited at least the timeout:", time.monotonic() - start >= 0.5 - 0.01)
done.acquire()
print("handler ran:", received > 0)

# A signal whose handler raises interrupts the wait.
def raising(signum, frame):
    raise RuntimeError("from the handler")


signal.signal(signal.SIGUSR1, raising)
_thread.start_new_thread(lambda: (time.sleep(0.05), os.kill(pid, signal.SIGUSR1)), ())
try:
    lock.acquire(timeout=5)
except RuntimeError as e:
    print(type(e).__name__, e)
