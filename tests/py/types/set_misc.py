# more set behaviors: comprehensions, membership with mixed numeric types, set of tuples
s = {1, 2, 3}
print(1.0 in s, True in s, 2 in s)
s.add(1.0)
print(s, len(s))
pts = {(0, 0), (1, 2), (0, 0), (2, 1)}
print(sorted(pts), (1, 2) in pts, len(pts))
evens = {x for x in range(20) if x % 2 == 0}
threes = {x for x in range(20) if x % 3 == 0}
print(sorted(evens & threes), sorted(evens - threes), sorted(evens ^ threes)[:5])
words = ["apple", "banana", "avocado", "blueberry", "cherry"]
initials = {w[0] for w in words}
print(sorted(initials), len(initials))
seen = set()
dupes = []
for ch in "programming":
    if ch in seen:
        dupes.append(ch)
    seen.add(ch)
print(dupes, sorted(seen))
print(set() == frozenset(), {1} <= {1, 2}, {1, 2} >= {1, 2}, {3} > set())
u = set()
for i in range(100):
    u.add(i % 7)
print(u, sorted(u) == list(range(7)))
print(sorted({-1, -5, 3, 0}), {10, 20} | {30}, {x * x for x in range(-3, 4)})
a = {1, 2, 3}
b = a
a |= {4}
print(b, a is b)
c = frozenset(a)
c |= {5}
print(sorted(c), a, type(c).__name__)
print(len({i // 2 for i in range(100)}), sum({1, 2, 3, 2, 1}))
