# __new__ and __init__ interplay, alternative constructors, class-level instance caches
class Tracked:
    instances = 0
    def __new__(cls, *args):
        print("__new__", cls.__name__, args)
        obj = super().__new__(cls)
        Tracked.instances += 1
        return obj
    def __init__(self, name):
        print("__init__", name)
        self.name = name
t = Tracked("first")
print(t.name, Tracked.instances)
class Interned:
    _cache = {}
    def __new__(cls, key):
        if key not in cls._cache:
            obj = super().__new__(cls)
            obj.key = key
            cls._cache[key] = obj
        return cls._cache[key]
a, b, c = Interned("x"), Interned("x"), Interned("y")
print(a is b, a is c, len(Interned._cache))
class NotReturningInstance:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never called")
print(NotReturningInstance())
class BadInit:
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print(type(e).__name__, e)
class NoArgs:
    pass
try:
    NoArgs(1)
except TypeError as e:
    print(type(e).__name__, e)
class WithInit:
    def __init__(self, a, b=2):
        self.a, self.b = a, b
try:
    WithInit()
except TypeError as e:
    print(type(e).__name__, e)
w = WithInit.__new__(WithInit)
print(hasattr(w, "a"))
WithInit.__init__(w, 7)
print(w.a, w.b)
