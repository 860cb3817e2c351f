# Every __del__ of a dropped deep chain runs, once, in chain order, before
# the statement that dropped the chain completes.
N = 300000
log = []


class Node:
    __slots__ = ("i", "next")

    def __del__(self):
        log.append(self.i)


class DictNode:
    def __del__(self):
        log.append(self.i)


def chain(cls, base):
    x = None
    for i in range(N):
        o = cls()
        o.i = base + i
        o.next = x
        x = o
    return x


def wrapped(cls):
    return [chain(cls, 0), (chain(cls, N),)]


def runs(log):
    # The log as descending runs: [(first, last), ...].
    out = []
    start = prev = log[0]
    for v in log[1:]:
        if v != prev - 1:
            out.append((start, prev))
            start = v
        prev = v
    out.append((start, prev))
    return out


for cls in [Node, DictNode]:
    log.clear()
    x = chain(cls, 0)
    del x
    n = len(log)
    print(cls.__name__, n, runs(log))
    # Two chains in containers: the list releases its items last to first.
    # (How the two chains interleave after that depends on where each
    # implementation puts deallocs off, so only the first one is printed.)
    log.clear()
    x = wrapped(cls)
    x = None
    n = len(log)
    print(cls.__name__, n, log[0], sorted(log) == list(range(2 * N)))


# A __del__ that itself drops a deep chain, in every link of a chain: Python
# code running inside nested deallocs, freeing more nested deallocs.
class Dropper:
    def __del__(self):
        z = None
        for i in range(2000):
            z = [z]
        z = None
        log.append(self.i)


def dropper_chain(n):
    x = None
    for i in range(n):
        o = Dropper()
        o.i = i
        o.next = x
        x = o
    return x


log.clear()
x = dropper_chain(5000)
x = None
n = len(log)
print("Dropper", n, runs(log))
print("done")
