# One thread keeps flipping the class of a shared instance between two
# classes of the same layout while others call its methods, read its
# __dict__ and attributes and test isinstance.  CPython never raises here;
# pvm raised spurious "descriptor '__dict__' for 'A' doesn't apply to 'B'"
# TypeErrors when a lookup on the old class was checked against the new one.
import threading


class A:  # each class has its own __dict__ descriptor
    def m(self):
        return "A"


class B:
    def m(self):
        return "B"


o = A()
o.x = 1
N = 300000
stop = threading.Event()
errors = []
bad = []
go = threading.Barrier(3)


def flipper():
    go.wait()
    while not stop.is_set():
        o.__class__ = B
        o.__class__ = A


def reader():
    go.wait()
    try:
        for _ in range(N):
            if o.m() not in ("A", "B"):
                bad.append("m")
            if o.__dict__.get("x") != 1:
                bad.append("dict")
            if o.x != 1:
                bad.append("x")
            if not isinstance(o, (A, B)):
                bad.append("isinstance")
            if type(o) not in (A, B):
                bad.append("type")
    except Exception as e:
        errors.append(repr(e))


readers = [threading.Thread(target=reader) for _ in range(2)]
f = threading.Thread(target=flipper)
for t in readers + [f]:
    t.start()
for t in readers:
    t.join()
stop.set()
f.join()
assert not errors, errors[:3]
assert not bad, bad[:5]
print("ok class_swap")
