# Readers load __slots__ attributes of a shared instance without a lock while
# another thread keeps assigning new strings and tuples to them: every read
# must be a value that was assigned at some point, never freed memory.
import threading


class Slotted:
    __slots__ = ("name", "pair")

    def __init__(self):
        self.name = "n"
        self.pair = ("p", 0)


obj = Slotted()
stop = threading.Event()
bad = []


def writer():
    for i in range(30000):
        obj.name = "n%d" % i
        obj.pair = ("p%d" % i, i)
    stop.set()


def reader():
    while not stop.is_set():
        n = obj.name
        p = obj.pair
        if not n.startswith("n"):
            bad.append(n)
        if not (type(p) is tuple and p[0].startswith("p")):
            bad.append(p)


ts = [threading.Thread(target=reader) for _ in range(2)]
ts.append(threading.Thread(target=writer))
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
assert obj.name == "n29999" and obj.pair == ("p29999", 29999)
print("ok slots_swap")
