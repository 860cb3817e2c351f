# Objects handed from thread to thread through built-in atomic operations
# (list.append/pop, deque.append/popleft, dict.setdefault) and joins: every
# object is published whole, so reading its attributes is not a race.
import collections
import threading


class Order:
    def __init__(self, n):
        self.n = n
        self.lines = ["item%d" % i for i in range(n % 4 + 1)]


inbox = collections.deque()
done = []
registry = {}


def producer(k):
    for i in range(100):
        o = Order(k * 1000 + i)
        registry.setdefault(o.n, o)
        inbox.append(o)


def consumer(total):
    got = 0
    while got < total:
        try:
            o = inbox.popleft()
        except IndexError:
            continue
        done.append((o.n, len(o.lines)))
        got += 1


ps = [threading.Thread(target=producer, args=(k,)) for k in range(2)]
c = threading.Thread(target=consumer, args=(200,))
c.start()
for t in ps:
    t.start()
for t in ps:
    t.join()
c.join()
print(len(done), len(registry), sum(n for _, n in done) == sum(len(o.lines) for o in registry.values()))
