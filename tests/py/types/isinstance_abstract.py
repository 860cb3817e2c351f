# isinstance/issubclass with class-like objects (a __bases__ tuple, an
# instance's __class__), as CPython's abstract class protocol.
class AbstractClass:
    def __init__(self, bases):
        self.bases = bases
    def getbases(self):
        return self.bases
    __bases__ = property(getbases)
    def __call__(self):
        return AbstractInstance(self)

class AbstractInstance:
    def __init__(self, klass):
        self.klass = klass
    def getclass(self):
        return self.klass
    __class__ = property(getclass)

AbstractSuper = AbstractClass(bases=())
AbstractChild = AbstractClass(bases=(AbstractSuper,))
Other = AbstractClass(bases=())

class Super: pass
class Child(Super): pass

print(isinstance(AbstractChild(), AbstractChild), isinstance(AbstractChild(), AbstractSuper))
print(isinstance(AbstractSuper(), AbstractChild), isinstance(AbstractChild(), Other))
print(issubclass(AbstractChild, AbstractSuper), issubclass(AbstractSuper, AbstractChild))
print(issubclass(AbstractChild, (Other, AbstractSuper)))
print(isinstance(Child(), Super), isinstance(AbstractChild(), Super))

# __class__ naming a real class counts for isinstance with a type.
class Proxy:
    @property
    def __class__(self):
        return Child
print(isinstance(Proxy(), Super), isinstance(Proxy(), Proxy), isinstance(Proxy(), int))
print(type.__instancecheck__(Super, Proxy()), type.__subclasscheck__(Super, Child))

class NoBases: pass
class BadBases:
    @property
    def __bases__(self):
        raise RuntimeError("bases")
class NotTuple:
    __bases__ = [1]

for f in (lambda: isinstance(1, NoBases()),
          lambda: isinstance(1, NotTuple()),
          lambda: isinstance(1, BadBases()),
          lambda: issubclass(NoBases(), Super),
          lambda: issubclass(Super, NoBases()),
          lambda: issubclass(BadBases(), Super),
          lambda: issubclass(AbstractChild, NoBases()),
          lambda: type.__subclasscheck__(Super, 1),
          lambda: isinstance(1, (int, NoBases())),
          lambda: isinstance("x", (int, NoBases()))):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

# A cycle through a tuple of two bases ends in RecursionError.
class Cyclic:
    @property
    def __bases__(self):
        return (self, self)
try:
    issubclass(Cyclic(), Cyclic())
except RecursionError as e:
    print("RecursionError", str(e).startswith("maximum recursion depth exceeded"))
