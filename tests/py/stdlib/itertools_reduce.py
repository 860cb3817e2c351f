# __reduce__ / __setstate__ of the native itertools types (the state that
# copy and pickle use), and subclassing.
import itertools as it


def roundtrip(obj, n=1):
    for _ in range(n):
        next(obj)
    red = obj.__reduce__()
    new = red[0](*red[1])
    if len(red) > 2 and red[2] is not None:
        new.__setstate__(red[2])
    return list(new), list(obj)


print(it.count().__reduce__(), it.count(1, 2).__reduce__(), it.count(2.5).__reduce__())
print(it.repeat(1, 3).__reduce__(), it.repeat(1).__reduce__(), it.repeat('a', -2).__reduce__())
c = it.count(5); next(c); print(c.__reduce__(), repr(c))
r = it.repeat('x', 3); next(r); print(r.__reduce__(), repr(r), r.__length_hint__())
for mk, n in [(lambda: it.product('ab', [1, 2]), 1), (lambda: it.product('ab', repeat=2), 3),
              (lambda: it.permutations('abcd', 2), 3), (lambda: it.permutations('abc'), 1),
              (lambda: it.combinations('abcde', 3), 4), (lambda: it.combinations_with_replacement('abc', 2), 2),
              (lambda: it.chain('ab', 'cd'), 1), (lambda: it.chain('ab', 'cd'), 3),
              (lambda: it.islice(iter(range(20)), 2, 15, 3), 2),
              (lambda: it.accumulate(iter([1, 2, 3, 4])), 2),
              (lambda: it.accumulate(iter([1, 2, 3, 4]), initial=100), 1),
              (lambda: it.zip_longest(iter('abc'), iter('x'), fillvalue='-'), 2),
              (lambda: it.compress(iter('abcdef'), iter([1, 0, 1, 1, 0, 1])), 1),
              (lambda: it.dropwhile(lambda x: x < 3, iter(range(6))), 1),
              (lambda: it.takewhile(lambda x: x < 3, iter(range(6))), 1),
              (lambda: it.filterfalse(lambda x: x % 2, iter(range(6))), 1),
              (lambda: it.starmap(pow, iter([(2, 3), (3, 2), (4, 2)])), 1)]:
    print(roundtrip(mk(), n))

for obj in [it.product('ab', []), it.permutations('ab', 3), it.combinations('ab', 3)]:
    print(list(obj), obj.__reduce__())

p = it.product('ab', 'cd')
print(p.__reduce__())
p.__setstate__((5, -3))
print(list(p))
pm = it.permutations('abc', 2)
pm.__setstate__(((2, 1, 0), (3, 1)))
print(list(pm))
cb = it.combinations('abcd', 2)
cb.__setstate__((9, 9))
print(list(cb))

t = it.tee('abc')[0]
next(t)
red = t.__reduce__()
print(red[0].__name__, red[1], red[2][1], type(red[2][0]).__name__)
t2 = red[0](*red[1]); t2.__setstate__(red[2]); print(list(t2), list(t))
cy = it.cycle('ab'); [next(cy) for _ in range(3)]
red = cy.__reduce__(); print(red[2]); print(list(it.islice(red[0](*red[1]), 5)))
sl = it.islice('abcdef', 1, None, 2)
print(sl.__reduce__()[1][1:], sl.__reduce__()[2])
print(list(sl), sl.__reduce__()[1][1:])


class Counter(it.count):
    def extra(self):
        return 'extra'


class Chain(it.chain):
    pass


c = Counter(10, 5)
print(repr(c), next(c), next(c), c.extra(), Counter.__name__)
print(list(Chain('ab', 'c')), list(Chain.from_iterable(['xy', 'z'])), type(Chain.from_iterable([])).__name__)
print(repr(it.repeat([1], 2)), repr(it.count(1.0, 0.5)), repr(it.count(-3)))
c = it.count(2 ** 62 - 2)
print([next(c) for _ in range(4)], repr(c))
c = it.count(2 ** 63 - 2)
print([next(c) for _ in range(3)], c.__reduce__())
c = it.count(0.5, 2 ** 64)
print([next(c) for _ in range(2)])
