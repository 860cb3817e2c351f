# heapq and bisect from CPython's standard library (the pure-Python code, or
# the native _heapq/_bisect when present: the results are the same).
import heapq
import bisect

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], [heapq.heappop(h) for _ in range(3)], len(h))
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data)
print(data[0], heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), sorted(data))
print(heapq.nlargest(3, range(10)), heapq.nsmallest(2, [5, 3, 9, 1]))
print(heapq.nlargest(2, ["aa", "b", "cccc"], key=len), heapq.nsmallest(1, []))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
print(list(heapq.merge([7, 4, 1], [8, 5, 2], reverse=True)), list(heapq.merge(["bb", "a"], ["ccc"], key=len)))
try:
    heapq.heappop([])
except IndexError as e:
    print(type(e).__name__)  # the message differs between heapq.py and _heapq

a = [1, 2, 2, 2, 3, 5]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 4), bisect.bisect_left(a, 0))
bisect.insort(a, 4)
bisect.insort_left(a, 2)
print(a)
print(bisect.bisect_left(a, 3, 1, 4), bisect.bisect_right([(1, "a"), (2, "b")], 2, key=lambda t: t[0]))
recs = [("x", 1), ("y", 5)]
bisect.insort(recs, ("z", 3), key=lambda r: r[1])
print(recs)
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print(type(e).__name__, e)
