# super() in various forms
class Base:
    def __init__(self, v):
        self.v = v
    def describe(self):
        return "Base(%s)" % self.v
    @classmethod
    def create(cls, v):
        return cls(v)
    @staticmethod
    def helper():
        return "helper"
class Child(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    def describe(self):
        return "Child<" + super().describe() + ", %s>" % self.w
    @classmethod
    def create(cls, v):
        obj = super().create(v)
        return obj
    def __init_subclass_test(self):
        return 0
class Child2(Child):
    def __init__(self, v):
        super(Child, self).__init__(v)
        self.w = "set by Child2"
c = Child(1, 2)
print(c.describe(), Child2(5).describe())
try:
    Child.create(1)
except TypeError as e:
    print(type(e).__name__, e)
print(super(Child, c).describe(), Child.helper())
class Logged(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
d = Logged()
d["a"] = 1
print(d, len(d))
class MyList(list):
    def append(self, x):
        super().append(x * 10)
ml = MyList([1])
ml.append(2)
print(ml, type(ml).__name__, isinstance(ml, list))
