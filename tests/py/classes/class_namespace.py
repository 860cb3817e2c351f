# class body namespace, nested classes, name mangling
class Outer:
    x = 10
    y = x * 2
    items = [x, y]
    class Inner:
        z = "inner"
        def get(self):
            return self.z
    def method(self):
        return self.Inner().get()
    __private = "mangled"
    def reveal(self):
        return self.__private
print(Outer.y, Outer.items, Outer.Inner.z, Outer().method())
print(Outer().reveal(), Outer._Outer__private, hasattr(Outer, "__private"))
print(Outer.Inner.__qualname__, Outer.Inner.__name__)
class Counter:
    n = 0
    for i in range(3):
        n += i
    del i
print(Counter.n, hasattr(Counter, "i"))
def make_class(base_val):
    class Made:
        val = base_val
        def get(self):
            return self.val
    return Made
M1, M2 = make_class(1), make_class(2)
print(M1().get(), M2().get(), M1 is M2, M1.__name__)
X = type("X", (), {"a": 1, "hello": lambda self: "hi from X"})
print(X.a, X().hello(), X.__name__, type(X).__name__)
Y = type("Y", (X,), {})
print(Y().hello(), [k.__name__ for k in Y.__mro__])
class Private:
    def __init__(self):
        self.__secret = 42
p = Private()
print(p._Private__secret, sorted(vars(p)))
