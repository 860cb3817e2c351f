# A thread makes cycles (automatic collections, which read gc.callbacks and
# gc.garbage) while the main thread imports gc for the first time, which
# creates and publishes those two lists: the collector must see either no
# list or a fully made one (TSan: the pointers and the lists' contents).
import threading
import time


class Node:
    pass


stop = False


def churn():
    while not stop:
        a = Node()
        a.self = a


t = threading.Thread(target=churn)
t.start()
time.sleep(0.2)
import gc  # noqa: E402  (the first import is the point)

calls = []
gc.callbacks.append(lambda phase, info: calls.append(phase))
time.sleep(0.1)
stop = True
t.join()
gc.collect()
assert "start" in calls and "stop" in calls, calls[:4]
print("ok gc_module_import")
