# Reference cycles of every container kind the collector supports are
# freed by gc.collect(); counts where CPython's are the same by design.
import gc
import weakref

gc.disable()
gc.collect()


class Obj:
    def __init__(self, name):
        self.name = name


def report(label, n):
    print(label, n)


# (a helper, so that no temporary of the module body holds the referent)
def alive(w):
    return w() is not None


# lists
l = []
l.append(l)
del l
report("list self", gc.collect())

a = []
b = [a]
a.append(b)
del a, b
report("two lists", gc.collect())

# dicts
d = {}
d["me"] = d
del d
report("dict self", gc.collect())

# tuple inside a list cycle
l = []
t = (l, 1)
l.append(t)
del l, t
report("list-tuple", gc.collect())

# nothing left
report("empty", gc.collect())

# instances: observe through weakref callbacks
def make_pair():
    a = Obj("a")
    b = Obj("b")
    a.other = b
    b.other = a
    return weakref.ref(a, lambda r: print("a died")), weakref.ref(b, lambda r: print("b died"))

wa, wb = make_pair()
print("alive before", alive(wa), alive(wb))
print("found", gc.collect() > 0)
print("alive after", wa(), wb())

# instance with __dict__ holding a dict that points back (issue 13's program)
def inst_dict():
    a = Obj("x")
    b = {"x": a}
    a.d = b
    return weakref.ref(a)

w = inst_dict()
print("inst-dict alive", alive(w))
gc.collect()
print("inst-dict freed", w() is None)

# __slots__ instances
class S:
    __slots__ = ("peer", "__weakref__")

def slotted():
    x = S()
    y = S()
    x.peer = y
    y.peer = x
    return weakref.ref(x)

w = slotted()
gc.collect()
print("slots freed", w() is None)

# closures: function -> closure cell -> function
def outer():
    def inner():
        return inner
    return weakref.ref(inner)

w = outer()
print("closure alive", alive(w))
gc.collect()
print("closure freed", w() is None)

# bound method stored on its own instance
class M:
    def f(self):
        return 1

def bound():
    m = M()
    m.bm = m.f
    return weakref.ref(m)

w = bound()
gc.collect()
print("bound method freed", w() is None)

# sets holding an object that holds the set
def in_set():
    s = set()
    o = Obj("s")
    o.s = s
    s.add(o)
    return weakref.ref(o)

w = in_set()
gc.collect()
print("set freed", w() is None)

# frozenset in a cycle
def frozen():
    o = Obj("f")
    o.fs = frozenset([o])
    return weakref.ref(o)

w = frozen()
gc.collect()
print("frozenset freed", w() is None)

# subclasses of builtins
class L(list):
    pass

class Dd(dict):
    pass

def subclasses():
    x = L()
    x.append(x)
    y = Dd()
    y["y"] = y
    y.attr = x
    return weakref.ref(x), weakref.ref(y)

w1, w2 = subclasses()
gc.collect()
print("subclass freed", w1() is None, w2() is None)

# a long chain hanging off a cycle is freed too
def chain():
    head = Obj("head")
    head.me = head
    cur = head
    for i in range(1000):
        nxt = Obj(i)
        cur.next = nxt
        cur = nxt
    return weakref.ref(cur)

w = chain()
gc.collect()
print("chain freed", w() is None)

# reachable objects are never collected
keep = []
keep.append(keep)
x = Obj("kept")
x.me = x
gc.collect()
print("kept", keep[0] is keep, x.me is x, x.name)

# exceptions: through their attribute dict and __context__/__cause__
def exc_cycle():
    a = ValueError("a")
    b = KeyError("b")
    a.__context__ = b
    b.__cause__ = a
    a.peer = Obj("peer")
    a.peer.exc = a
    return weakref.ref(a.peer)

w = exc_cycle()
gc.collect()
print("exception cycle freed", w() is None)


class MyError(Exception):
    pass


def exc_subclass():
    e = MyError(1, 2)
    e.args = (e,)
    holder = Obj("h")
    holder.e = e
    e.holder = holder
    return weakref.ref(holder)

w = exc_subclass()
gc.collect()
print("exception subclass freed", w() is None)
