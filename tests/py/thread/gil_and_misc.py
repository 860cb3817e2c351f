import sys
import threading
import time
import os

print(sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else False)
sys.setswitchinterval(0.001)
print(sys.getswitchinterval() > 0)
print(isinstance(os.cpu_count(), int) and os.cpu_count() >= 1)
t0 = time.perf_counter()
time.sleep(0.02)
print(time.perf_counter() - t0 >= 0.015)
print(time.monotonic() <= time.monotonic(), isinstance(time.time(), float))
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)

# An exception in a thread does not end the process.
def fails():
    raise KeyError("in thread")

seen = []
threading.excepthook = lambda args: seen.append((args.exc_type.__name__, str(args.exc_value)))
t = threading.Thread(target=fails)
t.start()
t.join()
print(seen)
print("still running")
