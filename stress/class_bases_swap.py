# One thread keeps assigning a class's __bases__ between (A,) and (B,)
# while others call an inherited method, an inherited dunder (len), test
# isinstance and read C.__mro__ and the class's __dict__ proxy.  The swap
# runs in a stop-the-world pause: readers must see one MRO or the other,
# never a mix, and never crash.
import threading


class A:
    def who(self):
        return "A"

    def __len__(self):
        return 1


class B:
    def who(self):
        return "B"

    def __len__(self):
        return 2


class C(A):
    own = 5


c = C()
N = 100000
stop = threading.Event()
errors = []
bad = []
go = threading.Barrier(3)


def swapper():
    go.wait()
    while not stop.is_set():
        C.__bases__ = (B,)
        C.__bases__ = (A,)


def reader():
    go.wait()
    try:
        for _ in range(N):
            w = c.who()
            if w not in ("A", "B"):
                bad.append("who")
            if len(c) not in (1, 2):
                bad.append("len")
            if not isinstance(c, (A, B)):
                bad.append("isinstance")
            mro = C.__mro__
            if len(mro) != 3 or mro[0] is not C or mro[1] not in (A, B) or mro[2] is not object:
                bad.append("mro")
            if C.__dict__["own"] != 5 or "who" in C.__dict__:
                bad.append("dict")
    except Exception as e:
        errors.append(repr(e))


readers = [threading.Thread(target=reader) for _ in range(2)]
s = threading.Thread(target=swapper)
for t in readers + [s]:
    t.start()
for t in readers:
    t.join()
stop.set()
s.join()
if errors or bad:
    print("FAIL class_bases_swap", errors[:3], sorted(set(bad)))
else:
    print("ok class_bases_swap")
