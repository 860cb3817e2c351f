# multiple inheritance, MRO and super() in diamond hierarchies
class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
print([k.__name__ for k in D.__mro__])
print(D().who())
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Z, Y): pass
print([k.__name__ for k in W.__mro__])
print([k.__name__ for k in W.mro()])
try:
    class Bad(X, Z):
        pass
except TypeError as e:
    print(type(e).__name__, e)
class Init1:
    def __init__(self):
        print("Init1")
        super().__init__()
class Init2:
    def __init__(self):
        print("Init2")
        super().__init__()
class Both(Init1, Init2):
    def __init__(self):
        print("Both")
        super().__init__()
Both()
class M1:
    x = "M1"
class M2:
    x = "M2"
    y = "M2y"
class M(M1, M2):
    pass
print(M.x, M.y, [k.__name__ for k in M.__bases__])
print(super(B, D()).who())
