# min, max (key=, default=), sum (start)
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("b", "a"), max((1, 2), (1, 3)))
print(max([], default="empty"), min([], default=None), max([5], default=0))
print(max(["apple", "fig", "banana"], key=len), min(["apple", "fig", "banana"], key=len))
print(max([-5, 3, -7], key=abs), min({"a": 3, "b": 1}, key={"a": 3, "b": 1}.get))
print(max([1, 3, 3, 2], key=lambda x: x), max([(1, "a"), (1, "b")], key=lambda t: t[0]))
print(min([2, 1, 1.0]), max([1, True]), max(True, 1))
try:
    max([])
except ValueError as e:
    print(type(e).__name__, e)
try:
    min()
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(1, 2, default=0)
except TypeError as e:
    print(type(e).__name__, e)
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([], 5), sum(range(101)), sum([0.5, 0.25]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([True, True]))
print(sum([10 ** 20, 10 ** 20]), sum(x * x for x in range(4)), sum([1, 2.5], start=1))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum([1, "a"])
except TypeError as e:
    print(type(e).__name__, e)
print(max(range(10), key=lambda x: -x), min("zyx", key=ord))
