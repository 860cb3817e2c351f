# dir() of a class and an instance, filtered to non-dunder names; vars()
class Base:
    base_attr = 1
    def base_method(self):
        pass
class Child(Base):
    child_attr = 2
    def __init__(self):
        self.inst = 3
        self._private = 4
    def child_method(self):
        pass
    @property
    def prop(self):
        return 5
    @staticmethod
    def stat():
        pass
    @classmethod
    def clsm(cls):
        pass
def public(names):
    return sorted(n for n in names if not n.startswith("__"))
print(public(dir(Child)))
print(public(dir(Child())))
print(public(dir(Base)))
print(public(vars(Child)))
print(vars(Child()))
c = Child()
c.extra = "added"
print(public(dir(c)), sorted(vars(c)))
print("prop" in dir(c), "inst" in dir(Child), "base_attr" in vars(Child))
def f():
    local_a = 1
    local_b = 2
    return sorted(dir())
print(f())
print(sorted(vars(Child()).items()))
