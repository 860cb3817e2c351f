# duck typing and polymorphism across unrelated classes
class Duck:
    def speak(self):
        return "Quack"
    def move(self):
        return "waddle"
class Robot:
    def speak(self):
        return "Beep"
    def move(self):
        return "roll"
class Person:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "Hi, I'm " + self.name
    def move(self):
        return "walk"
things = [Duck(), Robot(), Person("Ada")]
for t in things:
    print(type(t).__name__, t.speak(), t.move())
class Shape:
    def area(self):
        return 0
    def describe(self):
        return "%s with area %.2f" % (type(self).__name__, self.area())
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
class Tri(Shape):
    def __init__(self, b, h):
        self.b, self.h = b, h
    def area(self):
        return self.b * self.h / 2
for s in [Shape(), Sq(3), Tri(4, 5)]:
    print(s.describe())
def total_len(items):
    return sum(len(i) for i in items)
class Sized:
    def __len__(self):
        return 10
print(total_len(["abc", [1, 2], {"k": 1}, Sized(), range(5)]))
def stringify(x):
    if hasattr(x, "speak"):
        return x.speak()
    return str(x)
print([stringify(v) for v in [1, Duck(), "s", Robot()]])
