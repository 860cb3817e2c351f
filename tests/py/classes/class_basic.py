# class basics: attributes, methods, __init__
class Point:
    """A 2D point."""
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self
p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims, Point.__doc__, Point.__name__)
p.move(1, 1).move(1, 1)
print(p.x, p.y)
q = Point(0, 0)
q.dims = 3
print(q.dims, Point.dims, p.dims)
Point.dims = 5
print(q.dims, p.dims)
print(Point.norm2(p), type(p).__name__, type(p) is Point, isinstance(p, Point))
m = p.move
m(10, 10)
print(p.x, m.__self__ is p, m.__func__ is Point.move)
class Empty:
    pass
e = Empty()
e.anything = "dynamic"
print(e.anything, vars(e), Empty.__name__)
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.total)
print(vars(p), sorted(vars(Point).keys() - {"__dict__", "__weakref__", "__module__", "__doc__", "__init__"}))
