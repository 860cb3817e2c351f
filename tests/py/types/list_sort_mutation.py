# list.sort() detects every mutation made while it runs, even one that is
# undone before the end (an append then a pop), as CPython does.
import random

random.seed(12345)
undetected = 0
for trial in range(200):
    class C:
        def __lt__(self, other):
            if L and random.random() < 0.75:
                L.pop()
            else:
                L.append(3)
            return random.random() < 0.5
    L = [C() for i in range(50)]
    try:
        L.sort()
        undetected += 1
    except ValueError as e:
        last = str(e)
print(undetected, last)

# Append then pop back to empty in one comparison.
class D:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        M.append(1)
        M.pop()
        return self.v < other.v
M = [D(3), D(1), D(2)]
try:
    M.sort()
except ValueError as e:
    print(type(e).__name__, e)
print([d.v for d in M])

# Clearing the list while sorting.
class E:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        N.clear()
        return self.v < other.v
N = [E(2), E(1)]
try:
    N.sort()
except ValueError as e:
    print(type(e).__name__, e)
print(len(N), sorted([5, 3, 1]), sorted("bca", key=str.upper))
N2 = [3, 1, 2]
N2.sort(key=lambda x: (N2.append(0), x)[1]) if False else N2.sort()
print(N2)
