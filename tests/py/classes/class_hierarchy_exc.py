# user-defined containers built on inheritance from builtins
class Stack(list):
    def push(self, x):
        self.append(x)
        return self
    def peek(self):
        if not self:
            raise IndexError("peek from empty stack")
        return self[-1]
s = Stack()
s.push(1).push(2).push(3)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list), type(s).__name__)
try:
    Stack().peek()
except IndexError as e:
    print(type(e).__name__, e)
class DefaultDict(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory
    def __missing__(self, key):
        self[key] = value = self.factory()
        return value
dd = DefaultDict(list)
dd["a"].append(1)
dd["b"].append(2)
dd["a"].append(3)
print(dd, len(dd), "c" in dd)
class Upper(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
    def shout(self):
        return self + "!"
u = Upper("hello")
print(u, u.shout(), isinstance(u, str), len(u), u.lower())
class PositiveInt(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative: %d" % v)
        return super().__new__(cls, v)
print(PositiveInt(5) + 3, type(PositiveInt(5)).__name__)
try:
    PositiveInt(-1)
except ValueError as e:
    print(type(e).__name__, e)
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def swap(self):
        return Pair(self[1], self[0])
p = Pair(1, 2)
print(p, p.swap(), p + (3,), isinstance(p, tuple))
