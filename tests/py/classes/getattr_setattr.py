# __getattr__, __setattr__, __delattr__, __getattribute__
class Dyn:
    def __init__(self):
        self.real = "real"
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:].upper()
        raise AttributeError("no attribute %r here" % name)
d = Dyn()
print(d.real, d.auto_hello, getattr(d, "auto_x"), hasattr(d, "nothing"))
try:
    d.missing
except AttributeError as e:
    print(type(e).__name__, e)
class Tracked:
    def __setattr__(self, name, value):
        print("setting", name, "=", value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("deleting", name)
        object.__delattr__(self, name)
t = Tracked()
t.a = 1
t.b = [2]
del t.a
print(vars(t))
class ReadOnly:
    def __setattr__(self, name, value):
        raise AttributeError("read-only: " + name)
try:
    ReadOnly().x = 1
except AttributeError as e:
    print(type(e).__name__, e)
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
    def __getattr__(self, name):
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.sort()
print(p._target, p.count(1))
class Spy:
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
s = Spy()
s.x = 5
print(s.secret, s.x)
