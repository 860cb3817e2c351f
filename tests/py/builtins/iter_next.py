# iter (including sentinel form) and next (with default)
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"), next(it, None))
s = iter("ab")
print(list(s), list(s))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
data = [3, 7, 0, 9]
pos = [0]
def read():
    v = data[pos[0]]
    pos[0] += 1
    return v
print(list(iter(read, 0)))
d = {"a": 1, "b": 2}
di = iter(d)
print(next(di), type(di).__name__)
print(type(iter([])).__name__, type(iter(())).__name__, type(iter("")).__name__, type(iter(range(1))).__name__)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5, 0)
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
r = iter(range(3))
print(next(r), list(r))
class Seq:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i * 10
print(list(iter(Seq())))
