# Threads look attributes up through one super object while another keeps
# calling its __init__ again with fresh (type, instance) pairs from two
# unrelated hierarchies: every lookup must bind an attribute found after
# the class to the instance of that same init, never a mix of two inits or
# freed memory.
import threading


class BX:
    def who(self):
        return ("x", self.tag)

    @property
    def prop(self):
        return ("x", self.tag)


class X(BX):
    tag = "x"


class BY:
    def who(self):
        return ("y", self.tag)

    @property
    def prop(self):
        return ("y", self.tag)


class Y(BY):
    tag = "y"


s = super(X, X())
stop = threading.Event()
bad = []


def writer():
    for i in range(20000):
        if i % 2:
            super.__init__(s, X, X())
        else:
            super.__init__(s, Y, Y())
    stop.set()


def reader():
    while not stop.is_set():
        for r in (s.who(), s.prop):
            if r[0] != r[1]:
                bad.append(r)
        if s.__self_class__ not in (X, Y) or repr(s).count("X") == 1:
            bad.append(repr(s))


ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not bad, bad[:3]
print("ok super_reinit_swap")
