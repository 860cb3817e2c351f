# More itertools results checked against CPython: every r for the combinatorics,
# islice argument grid, groupby with stale groupers, nested tees.
import itertools as it
out = []
for n in range(5):
    pool = 'abcde'[:n]
    for r in range(6):
        out.append((n, r, list(it.permutations(pool, r)), list(it.combinations(pool, r)), list(it.combinations_with_replacement(pool, r))))
    out.append(list(it.product(pool, 'xy', repeat=2)))
for a in [None, 0, 1, 3, 10]:
    for b in [None, 0, 2, 5, 30]:
        for c in [None, 1, 2, 7]:
            try:
                out.append(list(it.islice(range(20), a, b, c)))
            except Exception as e:
                out.append(str(e))
out.append([(k, list(g)) for k, g in it.groupby(range(30), key=lambda x: x // 7 % 2)])
g = it.groupby('aaabbbccc')
k1, g1 = next(g); k2, g2 = next(g)
out.append((k1, list(g1), k2, list(g2)))
out.append(list(it.islice(it.count(1, 3), 5)))
out.append(list(it.zip_longest('abc', range(5), [None])))
out.append(list(it.accumulate([1, 2, 3], lambda a, b: a * b, initial=2)))
t = it.tee(iter(range(200)), 4)
out.append([sum(x) for x in t])
a, b = it.tee(iter(range(10)))
next(a); c, d = it.tee(a)
out.append((list(c), list(d), list(b)))
out.append(list(it.chain.from_iterable(it.repeat('ab', 3))))
out.append(list(it.starmap(lambda *a: a, ['ab', (1,), [2, 3]])))
x = it.count(); out.append([next(x) for _ in range(3)])
out.append(list(it.compress(range(10), it.cycle([1, 0, 0]))))
for o in out:
    print(o)
