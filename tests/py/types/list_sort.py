# sort with key/reverse, stability, sorted
data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 22)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: -p[1]))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0, 7, -1]
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums)
print(sorted("hello"), sorted((3, 1, 2)), sorted({3: 0, 1: 0}))
recs = [(i % 3, i) for i in range(12)]
recs.sort(key=lambda r: r[0])
print(recs)
print(sorted([[3, 1], [2, 9], [3, 0], [2]]))
print(sorted([], reverse=True), sorted([1]))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print(type(e).__name__, e)
big = list(range(1000, 0, -7))
big.sort()
print(big[:5], big[-3:], len(big))
