# __iter__ and __next__
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)))
c = Countdown(3)
print(next(c), next(c), next(c), next(c, "done"))
try:
    next(c)
except StopIteration as e:
    print(type(e).__name__, repr(e))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1
r = Range2(4)
print(list(r), list(r), sum(r), max(r), sorted(r, reverse=True))
print([x * y for x in Range2(3) for y in Range2(3)])
print(dict(zip(Range2(3), "abc")), set(Range2(3)), tuple(Range2(2)))
it = iter(Range2(2))
print(type(it).__name__, next(it), next(it), next(it, None))
class NotIter:
    pass
try:
    iter(NotIter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for x in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print(type(e).__name__, e)
