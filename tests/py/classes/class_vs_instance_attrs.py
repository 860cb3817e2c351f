# class attributes vs instance attributes
class Shared:
    items = []
    count = 0
    def add(self, x):
        self.items.append(x)
        self.count += 1
a, b = Shared(), Shared()
a.add(1)
b.add(2)
print(Shared.items, a.items is b.items, a.count, b.count, Shared.count)
print(vars(a), "items" in vars(a))
class Fixed:
    def __init__(self):
        self.items = []
    def add(self, x):
        self.items.append(x)
c, d = Fixed(), Fixed()
c.add(1)
print(c.items, d.items)
class Config:
    debug = False
cfg = Config()
print(cfg.debug)
Config.debug = True
print(cfg.debug)
cfg.debug = "instance"
Config.debug = "class again"
print(cfg.debug, Config.debug)
del cfg.debug
print(cfg.debug)
class Method:
    def f(self):
        return "method"
m = Method()
m.f = lambda: "instance override"
print(m.f(), Method().f())
print(Method.f(m))
class Sub(Shared):
    count = 100
print(Sub().count, Sub.items is Shared.items)
