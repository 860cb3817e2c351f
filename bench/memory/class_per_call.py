# Peak-memory program (issue 13): every call defines a small class and
# instantiates it, as factories (namedtuple, dataclasses, decorators) do.
# Usage: class_per_call.py [THREADS] [CALLS per thread]
import sys
import threading


def make(i):
    class C:
        def __init__(self, v):
            self.v = v

        def get(self):
            return self.v

    return C(i).get()


def loop(n):
    t = 0
    for i in range(n):
        t += make(i)
    return t


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300_000
    ts = [threading.Thread(target=loop, args=(n,)) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("ok class_per_call", threads)


main()
