# Peak-memory program (issue 13): every iteration makes a two-object
# reference cycle and drops it, so only the cycle collector frees them.
# Usage: cycles.py [THREADS] [ITERATIONS per thread]
import sys
import threading


class N:
    pass


def loop(n):
    for _ in range(n):
        a = N()
        b = {"x": a}
        a.d = b


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    ts = [threading.Thread(target=loop, args=(n,)) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("ok cycles", threads)


main()
