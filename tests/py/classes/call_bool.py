# __call__ and __bool__ and __len__ for truth
class Adder:
    def __init__(self, n):
        self.n = n
        self.calls = 0
    def __call__(self, x, y=0):
        self.calls += 1
        return x + y + self.n
add = Adder(10)
print(add(1), add(1, 2), add(x=5), add.calls, callable(add), callable(Adder))
print(list(map(add, [1, 2, 3])))
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
print(bool(Flag(True)), not Flag(False))
if Flag(True):
    print("truthy")
print(Flag(False) or "fallback")
class L:
    def __len__(self):
        return 0
print(bool(L()), "yes" if L() else "no")
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print(type(e).__name__, e)
class NegLen:
    def __len__(self):
        return -1
try:
    len(NegLen())
except ValueError as e:
    print(type(e).__name__, e)
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
print(bool(Both()))
