# Threads register and unregister atexit callbacks on the one process-wide
# list while others count, clear and run it; every callback left at the
# end runs exactly once at exit.
import atexit
import threading

N = 6
ROUNDS = 1500
errors = []
ran = []


class Cb:
    def __init__(self, k, i):
        self.k = k
        self.i = i

    def __call__(self):
        ran.append((self.k, self.i))

    def __eq__(self, other):
        return isinstance(other, Cb) and other.k == self.k and other.i == self.i

    __hash__ = None


def work(k):
    for i in range(ROUNDS):
        cb = Cb(k, i % 7)
        if atexit.register(cb, *()) is not cb:
            errors.append("register result")
        if i % 3 == 0:
            atexit.unregister(Cb(k, (i + 1) % 7))
        n = atexit._ncallbacks()
        if not isinstance(n, int) or n < 0:
            errors.append(n)
        if k == 0 and i % 200 == 0:
            atexit._clear()
        if k == 1 and i % 250 == 0:
            atexit._run_exitfuncs()


ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
atexit._clear()
if atexit._ncallbacks() != 0:
    errors.append("not cleared")
ran.clear()


def final():
    if ran != [(100, 2), (100, 1), (100, 0)]:
        print("bad order", ran[:5])
    elif errors:
        print("errors", errors[:5])
    else:
        print("ok atexit_register")


atexit.register(final)
for k in range(3):
    atexit.register(Cb(100, k))
