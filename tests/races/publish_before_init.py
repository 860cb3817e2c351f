# Publish before initialize: the object is made visible to other threads
# (stored in a global) before its attributes are set, so a reader can see a
# half-built object.  Fixed twin: publish_before_init_locked.py.
import threading


class Config:
    pass


shared = None
seen = []


def writer():
    global shared
    c = Config()
    shared = c
    c.host = "db.local"
    c.port = 5432


def reader():
    while shared is None:
        pass
    seen.append((getattr(shared, "host", None), getattr(shared, "port", None)))


threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("reader saw", seen[0])
assert seen[0] == ("db.local", 5432), "half-initialized object: %r" % (seen[0],)
