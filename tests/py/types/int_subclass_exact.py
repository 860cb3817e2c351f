# int(x), +x, abs(x), x.__index__() ... of an int subclass instance give an
# exact int (a subclass overriding __mul__ with int(self) must not recurse).
class myint(int):
    def __mul__(self, other):
        return type(self)(int(self) * int(other))
    def __repr__(self):
        return "myint(%d)" % int(self)

for v in (myint(3), myint(-7), myint(2**70), myint(-2**70), myint(0)):
    for f in (int, lambda x: +x, abs, lambda x: x.__index__(), lambda x: x.__int__(),
              lambda x: x.__trunc__(), lambda x: x.__floor__(), lambda x: x.__ceil__(),
              lambda x: round(x), lambda x: x.real, lambda x: x.numerator,
              lambda x: x.conjugate(), lambda x: -x, lambda x: x // 1, lambda x: x + 0):
        r = f(v)
        print(type(r).__name__, r, end="; ")
    print()
print(myint(3) * 2, myint(2**70) * myint(2))

class mybool_like(int):
    pass
print(type(int(mybool_like(True))).__name__, int(True), type(int(True)).__name__)
