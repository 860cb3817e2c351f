# class decorators
def add_repr(cls):
    def __repr__(self):
        fields = ", ".join("%s=%r" % kv for kv in vars(self).items())
        return "%s(%s)" % (cls.__name__, fields)
    cls.__repr__ = __repr__
    return cls
@add_repr
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
print(Point(1, 2), [Point("a", None)])
registry = {}
def register(name):
    def deco(cls):
        registry[name] = cls
        cls.registered_as = name
        return cls
    return deco
@register("circle")
class Circle:
    pass
@register("square")
class Square:
    pass
print(sorted(registry), registry["circle"].__name__, Square.registered_as)
def singleton(cls):
    instances = {}
    def get(*a):
        if cls not in instances:
            instances[cls] = cls(*a)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v):
        self.v = v
c1 = Config(1)
c2 = Config(2)
print(c1 is c2, c1.v)
def count_methods(cls):
    cls.n_methods = sum(1 for k, v in vars(cls).items() if callable(v) and not k.startswith("__"))
    return cls
@count_methods
class Tool:
    def a(self): pass
    def b(self): pass
    c = 5
print(Tool.n_methods)
