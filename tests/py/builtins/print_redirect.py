# print() to objects with a write method, sys.stdout replacement, flush.
import sys


class W:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.parts.append("<flush>")


w = W()
print("a", 1, sep="-", end="!", file=w, flush=True)
print(w.parts)
w2 = W()
print(file=w2)
print(1, 2, 3, file=w2)
print(w2.parts)
old = sys.stdout
sys.stdout = w
print("captured", 2)
sys.stdout = old
print(w.parts)
print("back", file=None)
sys.stdout = None
print("dropped")
sys.stdout = old
print("restored", sys.stdout is sys.__stdout__)
try:
    print(1, file=5)
except AttributeError as e:
    print(type(e).__name__, e)


class Bad:
    def __str__(self):
        raise ValueError("no str")


try:
    print("before", Bad())
except ValueError as e:
    print(type(e).__name__, e)
