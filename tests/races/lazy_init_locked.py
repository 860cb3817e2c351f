# Twin of lazy_init.py: double-checked initialization with the second check
# under a lock.
import threading

built = []


class Registry:
    def __init__(self):
        built.append(self)
        self.entries = {}
        # Loading the defaults takes a moment: the window for a second
        # thread to find _registry still None.
        for name in ("users", "groups", "roles", "sessions"):
            self.entries[name] = []


_registry = None
_lock = threading.Lock()


def registry():
    global _registry
    if _registry is None:
        with _lock:
            if _registry is None:
                _registry = Registry()
    return _registry


seen = []


def user(i):
    r = registry()
    r.entries[i] = True
    seen.append(r)


threads = [threading.Thread(target=user, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
distinct = len({id(r) for r in seen})
print("instances built", len(built), "distinct seen", distinct)
assert len(built) == 1 and distinct == 1, "singleton built %d times" % len(built)
