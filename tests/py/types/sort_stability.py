# sort stability with multiple passes and keys
people = [("ann", "sales", 30), ("bob", "eng", 25), ("cy", "sales", 25),
          ("di", "eng", 30), ("ed", "hr", 25), ("flo", "eng", 25)]
by_age = sorted(people, key=lambda p: p[2])
print([p[0] for p in by_age])
by_dept_then_age = sorted(by_age, key=lambda p: p[1])
print([(p[1], p[2], p[0]) for p in by_dept_then_age])
multi = sorted(people, key=lambda p: (p[1], -p[2], p[0]))
print([p[0] for p in multi])
rev = sorted(people, key=lambda p: p[2], reverse=True)
print([p[0] for p in rev])
lst = [(1, "a"), (0, "b"), (1, "c"), (0, "d")]
lst.sort(key=lambda t: t[0])
print(lst)
lst.sort(key=lambda t: t[0], reverse=True)
print(lst)
words = ["bb", "a", "ccc", "dd", "e", "fff"]
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [3, -3, 2, -2, 1, -1, 0]
print(sorted(nums, key=abs), sorted(nums, key=lambda n: n * n, reverse=True))
big = [(i % 10, i) for i in range(100, 0, -1)]
big.sort(key=lambda t: t[0])
print(big[:12])
print(all(big[i][1] > big[i + 1][1] for i in range(len(big) - 1) if big[i][0] == big[i + 1][0]))
