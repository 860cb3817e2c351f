# Twin of check_then_act.py: the test and the insertion happen under one lock.
import threading

KEYS = ["db%d" % i for i in range(8)]
cache = {}
opened = []
lock = threading.Lock()


def open_connection(key):
    opened.append(key)
    return "conn:" + key


def get(key):
    with lock:
        if key not in cache:
            cache[key] = open_connection(key)
        return cache[key]


def client():
    for key in KEYS:
        get(key)


threads = [threading.Thread(target=client) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("connections opened", len(opened), "for", len(KEYS), "keys")
assert len(opened) == len(KEYS), "opened twice: %s" % sorted(k for k in set(opened) if opened.count(k) > 1)
