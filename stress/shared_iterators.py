# Threads drain shared built-in iterators together: for each iterator the
# union of what the threads got is exactly the sequence, each item once
# (list, reversed list, range, str, bytes, tuple, map, filter, enumerate,
# zip, reversed() of a sequence, the old __getitem__ protocol).
import threading

NT = 4
L = 400
K = 60  # iterators of each kind


class Seq:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i


def makers():
    data = list(range(L))
    text = "".join(chr(0x61 + i % 26) if i % 3 else chr(0x3b1 + i % 20) for i in range(L))
    blob = bytes(i % 256 for i in range(L))
    return [
        ("list", lambda: iter(data), data),
        ("list_reversed", lambda: reversed(data), data[::-1]),
        ("range", lambda: iter(range(L)), data),
        ("range_reversed", lambda: reversed(range(L)), data[::-1]),
        ("str", lambda: iter(text), list(text)),
        ("bytes", lambda: iter(blob), list(blob)),
        ("tuple", lambda: iter(tuple(data)), data),
        ("map", lambda: map(lambda x: x * 2, data), [x * 2 for x in data]),
        ("filter", lambda: filter(lambda x: x % 3, data), [x for x in data if x % 3]),
        ("enumerate", lambda: enumerate(data), list(enumerate(data))),
        ("zip", lambda: zip(data, data), list(zip(data, data))),
        ("map2", lambda: map(lambda a, b: (a, b), data, data), list(zip(data, data))),
        ("reversed_seq", lambda: reversed(Seq(L)), data[::-1]),
        ("seqiter", lambda: iter(Seq(L)), data),
    ]


failures = []
for name, make, expected in makers():
    its = [make() for _ in range(K)]
    got = [[[] for _ in range(K)] for _ in range(NT)]
    start = threading.Barrier(NT)

    def drain(mine):
        start.wait()
        for k, it in enumerate(its):
            out = mine[k]
            for x in it:
                out.append(x)

    ts = [threading.Thread(target=drain, args=(got[t],)) for t in range(NT)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for k in range(K):
        allgot = [x for t in range(NT) for x in got[t][k]]
        if len(allgot) != len(expected) or sorted(allgot) != sorted(expected):
            failures.append((name, k, len(allgot), len(expected)))
            break
        if name in ("zip", "map2") and any(a != b for a, b in allgot):
            failures.append((name, k, "torn pair"))
            break
        if name == "enumerate" and any(i != v for i, v in allgot):
            failures.append((name, k, "count and item out of step"))
            break
assert not failures, failures
print("ok shared_iterators")
