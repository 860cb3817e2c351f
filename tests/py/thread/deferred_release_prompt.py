# A value that another thread has read, dropped by rebinding a global (or a
# list item, a dict value, an attribute), is finalized promptly: CPython runs
# __del__ at the rebinding; pvm within a grace period, while the program
# keeps running (not when a batch of 1,024 releases fills up, nor at exit).
import threading
import time

log = []


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


G = Tracked("global")
LST = [Tracked("list item")]
D = {"k": Tracked("dict value")}


class Holder:
    pass


H = Holder()
H.attr = Tracked("attribute")

stop = False
seen = threading.Event()


def reader():
    n = 0
    while not stop:
        # Reads every holder lock-free, so they are all marked shared.
        if G is not None and LST[0] is not None and D["k"] is not None and H.attr is not None:
            n += 1
        if n == 1000:
            seen.set()
    return n


t = threading.Thread(target=reader)
t.start()
seen.wait()


def wait_for(name):
    # CPython: already there.  pvm: within a grace period; give it 10 s.
    deadline = time.monotonic() + 10
    while name not in log and time.monotonic() < deadline:
        sum(range(100))
    print(name, "finalized:", name in log)


G = None
wait_for("global")
LST[0] = None
wait_for("list item")
D["k"] = None
wait_for("dict value")
H.attr = None
wait_for("attribute")
stop = True
t.join()
print(sorted(log))
