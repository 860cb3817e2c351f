# Classes: method calls, instance attribute get/set, small hierarchy with super().
class Shape:
    def __init__(self, name):
        self.name = name
        self.scale = 1

    def area(self):
        return 0

    def grow(self, k):
        self.scale = self.scale + k
        return self.scale

    def describe(self):
        return self.name


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h * self.scale


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"

    def area(self):
        return super().area() + 1


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3 * self.r * self.r * self.scale


class Counter:
    def __init__(self):
        self.count = 0
        self.total = 0

    def add(self, x):
        self.count += 1
        self.total += x

    def get(self):
        return self.total

    @property
    def mean(self):
        return self.total // self.count if self.count else 0

    @staticmethod
    def twice(x):
        return 2 * x

    @classmethod
    def make(cls):
        return cls()


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def dot(self, o):
        return self.x * o.x + self.y * o.y


def main():
    c = Counter.make()
    shapes = []
    for i in range(40000):
        k = i % 3
        if k == 0:
            shapes.append(Rect(i % 10 + 1, i % 7 + 1))
        elif k == 1:
            shapes.append(Square(i % 5 + 1))
        else:
            shapes.append(Circle(i % 4 + 1))
    for rep in range(10):
        for s in shapes:
            c.add(s.area())
            if rep & 1:
                s.grow(1)
        c.add(Counter.twice(len(shapes[rep].describe())))
    acc = Vec(0, 0)
    d = 0
    for i in range(200000):
        v = Vec(i % 13, i % 17)
        acc = acc + v
        d += acc.dot(v) % 1000
    return ("method checksum", c.get(), c.count, c.mean, acc.x, acc.y, d)


for _rep in range(7):
    result = main()
print(*result)
