# arithmetic dunders, reflected and in-place
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd", o)
        return self + o
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return self
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __pow__(self, k):
        return V(self.x ** k, self.y ** k)
    def __repr__(self):
        return "V(%r, %r)" % (self.x, self.y)
a, b = V(1, 2), V(3, 4)
print(a + b, b - a, a * 3, 3 * a, -a, +a, abs(b), b / 2, b // 2, b % 2, a ** 2)
print(a + 1, 1 + a, sum([a, b], V(0, 0)))
print(sum([a, b]))
try:
    a + "s"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "s" - a
except TypeError as e:
    print(type(e).__name__, e)
class Money:
    def __init__(self, c):
        self.c = c
    def __iadd__(self, o):
        self.c += o
        print("iadd")
        return self
    def __add__(self, o):
        print("add")
        return Money(self.c + o)
m = Money(5)
alias = m
m += 10
print(m.c, alias is m)
m = m + 1
print(m.c, alias is m, alias.c)
