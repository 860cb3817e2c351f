# Threads share one iterator of each kind that lets its sequence go when
# exhausted (bytes, bytearray, reversed(), the old __getitem__ protocol)
# and race next() against the exhaustion that drops the sequence, whose
# __del__ calls next() on the iterator again.  Every position is produced
# exactly once, every sequence is released once, and nothing crashes.
import threading

THREADS, ROUNDS, N = 4, 100, 64
released = []
lock = threading.Lock()


class B(bytes):
    def __del__(self):
        with lock:
            released.append("bytes")


class BA(bytearray):
    def __del__(self):
        with lock:
            released.append("bytearray")


class Seq:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i % 256

    def __del__(self):
        with lock:
            released.append("seq")


def makers():
    data = bytes(i % 256 for i in range(N))
    return [
        (lambda: iter(B(data)), "bytes"),
        (lambda: iter(BA(data)), "bytearray"),
        (lambda: reversed(BA(data)), "bytearray"),
        (lambda: iter(Seq(N)), "seq"),
        (lambda: reversed(Seq(N)), "seq"),
    ]


errors = []
for rnd in range(ROUNDS):
    for make, kind in makers():
        it = make()
        got = [[] for _ in range(THREADS)]
        start = threading.Barrier(THREADS)

        def worker(k):
            start.wait()
            try:
                for v in it:
                    got[k].append(v)
                    it.__length_hint__()
                    # The pickling methods read the sequence field too,
                    # which the thread that exhausts the iterator clears.
                    it.__reduce__()
            except Exception as e:  # nothing may fail
                errors.append(repr(e))

        ts = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        values = sorted(v for g in got for v in g)
        if values != sorted(i % 256 for i in range(N)):
            errors.append(f"round {rnd} {kind}: {len(values)} values")
        assert next(it, "end") == "end"
        del it

import gc

gc.collect()
expected = ROUNDS * 5
assert not errors, errors[:5]
assert len(released) == expected, (len(released), expected)
print("ok iter_release_shared")
