# __eq__ and __hash__
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        if not isinstance(other, P):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return "P(%d,%d)" % (self.x, self.y)
a, b, c = P(1, 2), P(1, 2), P(2, 1)
print(a == b, a != b, a == c, a is b, a == (1, 2), a != "s")
print(len({a, b, c}), {a: "first", b: "second"})
print(a in [c, b], [a, c].index(b), [a, b, c].count(P(1, 2)))
class EqOnly:
    def __eq__(self, other):
        return True
print(EqOnly.__hash__ is None)
try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__, e)
class Default:
    pass
d1, d2 = Default(), Default()
print(d1 == d1, d1 == d2, d1 != d2, hash(d1) == hash(d1))
class Ne:
    def __eq__(self, o):
        return "custom"
print(Ne() == 1, Ne() != 1)
class Weird:
    def __eq__(self, o):
        print("Weird.__eq__ called")
        return NotImplemented
print(Weird() == 5)
print(1 == Weird())
