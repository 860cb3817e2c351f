# Classes made at run time (inside functions, by type(), by metaclasses)
# are ordinary objects: the cycle collector frees them once nothing refers
# to them, and their instances, subclasses and descriptors keep them alive.
import gc
import weakref

events = []


def note(name):
    return lambda ref: events.append(name)


def make_plain():
    class C:
        def __init__(self, x):
            self.x = x

        def get(self):
            return self.x
    return C


def make_slotted():
    class S:
        __slots__ = ("a", "b")

        def __init__(self):
            self.a = 1
            self.b = 2
    return S


def make_super():
    class Base:
        def hello(self):
            return "base"

    class Derived(Base):
        def hello(self):
            return "derived+" + super().hello()
    return Base, Derived


class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["made_by"] = "Meta"
        return super().__new__(mcls, name, bases, ns)


def make_meta():
    class M(metaclass=Meta):
        pass
    return M


# Helpers keep the objects they look at in their own frames, so that no
# temporary of the module body refers to them afterwards.
def alive(ref):
    return ref() is not None


def dead(ref):
    return ref() is None


def type_name(o):
    return type(o).__name__


def get(o):
    return o.get()


def check(label, make_ref):
    ref = make_ref()
    gc.collect()
    print(label, "collected:", dead(ref))


# 1. a class defined in a function, never instantiated
check("plain", lambda: weakref.ref(make_plain(), note("plain")))

# 2. an instance keeps its class alive; the class dies with the instance
C = make_plain()
obj = C(41)
ref = weakref.ref(C, note("C"))
del C
gc.collect()
print("class alive while instance lives:", alive(ref), get(obj), type_name(obj))
del obj
gc.collect()
print("class gone with its instance:", dead(ref))

# 3. __slots__: a member descriptor taken out of the class keeps the class
S = make_slotted()
s = S()
descr = S.__dict__["a"]
ref = weakref.ref(S, note("S"))
del S, s
gc.collect()
print("descriptor keeps class:", alive(ref), repr(descr).startswith("<member 'a'"))
del descr
gc.collect()
print("slotted class gone:", dead(ref))

# 4. super() (the __class__ cell) and a subclass keeping its base alive
Base, Derived = make_super()
d = Derived()


def hello(o):
    return o.hello()


print(hello(d))
rb = weakref.ref(Base, note("Base"))
rd = weakref.ref(Derived, note("Derived"))
del Base
gc.collect()
print("base kept by subclass:", alive(rb))
del Derived, d
gc.collect()
print("both gone:", dead(rb), dead(rd))

# 5. type() with three arguments, and a metaclass with a Python __new__
T = type("T", (object,), {"v": 3, "f": lambda self: self.v * 2})
def call_f(cls):
    return cls().f()


print(call_f(T))
check("type()", lambda: weakref.ref(T, note("T")))
del T
gc.collect()
M = make_meta()
print(M.made_by, type_name(M))
rm = weakref.ref(M, note("M"))
del M
gc.collect()
print("metaclass instance gone:", dead(rm))

# 6. __class__ assignment moves the reference from one class to the other
A = make_plain()
B = make_plain()
a = A(1)
ra = weakref.ref(A, note("A"))
rb2 = weakref.ref(B, note("B"))
a.__class__ = B
del A, B
gc.collect()
print("old class gone, new kept:", dead(ra), alive(rb2), get(a))
del a
gc.collect()
print("new class gone:", dead(rb2))

# 7. __subclasses__ lists live subclasses only
class Root:
    pass


def make_child():
    class Child(Root):
        pass
    return Child


kids = [make_child() for _ in range(3)]
def nsub(cls):
    return len(cls.__subclasses__())


print(nsub(Root))
del kids
gc.collect()
print(nsub(Root))

# 8. many classes made in a loop do not pile up
refs = []
for i in range(2000):
    K = make_plain()
    K(i).get()
    k = None
    if i % 500 == 0:
        refs.append(weakref.ref(K))
del K
gc.collect()
print("loop classes gone:", all(dead(r) for r in refs))

print(sorted(events))
