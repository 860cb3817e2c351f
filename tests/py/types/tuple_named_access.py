# tuples used as records, comparisons, tuple unpacking in comprehensions and sorting
records = [("widget", 3, 2.50), ("gadget", 1, 10.00), ("doohickey", 7, 0.75)]
for name, qty, price in records:
    print("%-10s %3d %7.2f %8.2f" % (name, qty, price, qty * price))
print(max(records, key=lambda r: r[1] * r[2]), min(records)[0])
totals = tuple(q * p for _, q, p in records)
print(totals, sum(totals))
names, qtys, prices = zip(*records)
print(names, qtys, prices)
print(sorted(records, key=lambda r: r[2]), sorted(records)[-1])
t = (1, 2, 3)
print(t + (4,), t[:2] + t[2:] == t, t * 0, tuple(reversed(t)), t.index(3), t.count(1))
nested = ((1, 2), (3, (4, 5)))
(a, b), (c, (d, e)) = nested
print(a, b, c, d, e)
print((1, 2) < (1, 3) < (2, 0), (1, "a") < (1, "b"), () < (0,), (0,) < (0, 0))
pairs = [(x, y) for x in range(3) for y in range(3) if x != y]
print(pairs, len(pairs))
print(dict(pairs[:3]), sorted(set(pairs))[:3], pairs.count((0, 1)))
singleton = ("only",)
print(singleton, len(singleton), singleton[0], singleton * 2, ("x") == "x")
