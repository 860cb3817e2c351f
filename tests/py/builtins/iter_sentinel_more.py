# more iterator protocol: iter() of various, next() defaults, manual loops
def manual_for(iterable):
    it = iter(iterable)
    out = []
    while True:
        try:
            out.append(next(it))
        except StopIteration:
            return out
print(manual_for("abc"), manual_for({1: 2, 3: 4}), manual_for(range(3)), manual_for((x for x in [7])))
lines = iter(["a", "b", "", "c"])
print(list(iter(lambda: next(lines), "")))
print(list(lines))
nums = iter(range(10))
print(next(nums), next(nums), list(zip(nums, nums)))
it = iter([1, 2, 3])
print(list(it), next(it, "gone"))
chunks = [[1, 2], [3], []]
pos = iter(chunks)
print(list(iter(lambda: next(pos), [])))
class CountTo:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        self.i = 0
        return self
    def __next__(self):
        self.i += 1
        if self.i > self.n:
            raise StopIteration
        return self.i
c = CountTo(3)
print(list(c), list(c), [a * b for a in CountTo(2) for b in CountTo(2)])
print(next(iter(CountTo(1))), next(iter(CountTo(0)), "empty"))
