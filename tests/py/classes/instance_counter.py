# class-level state, __init__ chains, and object lifecycle without __del__
class Shape:
    registry = []
    def __init__(self, name):
        self.name = name
        Shape.registry.append(name)
    def area(self):
        raise NotImplementedError("subclass must implement area")
    def __repr__(self):
        return "%s(%s, area=%.2f)" % (type(self).__name__, self.name, self.area())
class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect%dx%d" % (w, h))
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square%d" % s
class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle%d" % r)
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
shapes = [Rect(2, 3), Square(4), Circle(1)]
print(shapes)
print(Shape.registry)
print(sorted(shapes, key=lambda s: s.area()))
print(sum(s.area() for s in shapes))
try:
    Shape("abstract").area()
except NotImplementedError as e:
    print(type(e).__name__, e)
print(isinstance(Square(1), Rect), [type(s).__mro__[1].__name__ for s in shapes])
