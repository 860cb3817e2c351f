import atexit
import threading
import time

def worker():
    time.sleep(0.05)
    print("worker done")

atexit.register(print, "atexit runs after non-daemon threads")
threading.Thread(target=worker).start()
print("main done")
