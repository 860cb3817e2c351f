# Twin of publish_before_init.py: the object is fully initialized before it
# is published, and publication goes through an Event.
import threading


class Config:
    pass


shared = None
published = threading.Event()
seen = []


def writer():
    global shared
    c = Config()
    c.host = "db.local"
    c.port = 5432
    shared = c
    published.set()


def reader():
    published.wait()
    seen.append((getattr(shared, "host", None), getattr(shared, "port", None)))


threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("reader saw", seen[0])
assert seen[0] == ("db.local", 5432), "half-initialized object: %r" % (seen[0],)
