# At exit: a cycle that only globals reach dies (its __del__ runs once), a
# weakref that dies with the globals calls no callback, a suspended
# generator runs its finally block, and a resurrecting __del__ is not run
# twice.
import weakref


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def callback(ref):
    print("callback")


target = A(1)
ref = weakref.ref(target, callback)
cycle = A(2)
cycle.me = cycle
pair = [A(3)]
pair.append(pair)


def gen():
    try:
        yield 1
    finally:
        print("generator finally", A.__name__)


g = gen()
next(g)

saved = []


class Phoenix:
    def __del__(self):
        print("phoenix del")
        saved.append(self)


phoenix = Phoenix()
print("end")
