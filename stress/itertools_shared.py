# Threads share one object of each native itertools / _functools type and
# race on it: one count() (every value produced exactly once: count().__next__
# is atomic, threading relies on it), one count past the int64 range, one
# islice over a shared list iterator (each item at most once, in order per
# thread), one chain / zip_longest / tee / groupby / product / cycle / accumulate
# (no crash, no torn result), one lru_cache-wrapped function (hits + misses
# add up, cache_clear racing with calls), one partial being re-set.
import sys
import threading
import itertools
import _functools

NT = 4
N = 20000


def run(target, *args):
    start = threading.Barrier(NT)
    outs = [[] for _ in range(NT)]
    errors = []

    def guarded(*a):
        try:
            target(*a)
        except BaseException as e:
            errors.append(repr(e))

    ts = [threading.Thread(target=guarded, args=(start, outs[k]) + args) for k in range(NT)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors[:3]
    return outs


# -- one count(), fast path and past 2**63
for first in (0, 2 ** 63 - N * 2):
    c = itertools.count(first)

    def take(start, out, c=c):
        start.wait()
        for _ in range(N):
            out.append(next(c))

    outs = run(take)
    got = sorted(v for o in outs for v in o)
    assert got == list(range(first, first + NT * N)), first
    for o in outs:
        assert o == sorted(o)
    assert next(c) == first + NT * N

# -- repeat(x, n): exactly n values in total
r = itertools.repeat('x', N)


def drain(start, out, it):
    start.wait()
    for v in it:
        out.append(v)


outs = run(drain, r)
assert sum(len(o) for o in outs) == N

# -- one islice over a shared list iterator: each item once, in order per thread
src = iter(range(N * 3))
sl = itertools.islice(src, 5, N * 2, 3)
outs = run(drain, sl)
got = sorted(v for o in outs for v in o)
assert got == list(range(5, N * 2, 3)), len(got)
for o in outs:
    assert o == sorted(o)

# -- chain, zip_longest, pairwise, accumulate, compress, starmap: no crash,
#    every item of a shared source seen once
ch = itertools.chain(range(N), range(N, 2 * N), [2 * N])
outs = run(drain, ch)
assert sorted(v for o in outs for v in o) == list(range(2 * N + 1))

z = itertools.zip_longest(range(N), range(N // 2), fillvalue=-1)
outs = run(drain, z)
got = sorted(v for o in outs for v in o)
assert [a for a, b in got] == list(range(N))
assert all(b == a or b == -1 for a, b in got)

acc = itertools.accumulate(itertools.repeat(1, N))
outs = run(drain, acc)
assert sorted(v for o in outs for v in o) == list(range(1, N + 1))

pw = itertools.pairwise(range(N))
outs = run(drain, pw)
assert all(len(p) == 2 for o in outs for p in o)

for maker in (lambda: itertools.product(range(30), repeat=3),
              lambda: itertools.permutations(range(8), 5),
              lambda: itertools.combinations(range(20), 4),
              lambda: itertools.combinations_with_replacement(range(12), 4)):
    obj = maker()
    outs = run(drain, obj)
    got = [v for o in outs for v in o]
    assert len(got) == len(set(got)) == len(list(maker())), len(got)

# -- tee: copies read by different threads, and one _tee shared by all
a, b = itertools.tee(range(N))
outs = run(lambda start, out: (start.wait(), out.extend(a if len(out) % 2 else b)))
t1 = itertools.tee(iter(range(N)), 1)[0]


def drain_tee(start, out):
    # A thread that reaches the source while another one reads it gets
    # CPython's "cannot re-enter the tee iterator".
    start.wait()
    while True:
        try:
            out.append(next(t1))
        except StopIteration:
            break
        except RuntimeError as e:
            assert str(e) == 'cannot re-enter the tee iterator', e


outs = run(drain_tee)
got = [v for o in outs for v in o]
assert len(got) <= N + NT and set(got) <= set(range(N))

# -- groupby and its groupers shared
gb = itertools.groupby(sorted(i % 97 for i in range(N)))


def groups(start, out):
    start.wait()
    for k, g in gb:
        out.append((k, sum(1 for _ in g)))


run(groups)

# -- cycle: shared, bounded by islice per thread
cy = itertools.cycle(range(10))


def spin(start, out):
    start.wait()
    for v in itertools.islice(cy, N // 4):
        out.append(v)


outs = run(spin)
assert all(0 <= v < 10 for o in outs for v in o)


# -- reprs, __reduce__ and __setstate__ racing with steps
shared = [itertools.count(5), itertools.chain(range(N), range(N)), itertools.islice(iter(range(N)), 0, None, 2),
          itertools.dropwhile(lambda x: x < 10, range(N)), itertools.accumulate(range(N)),
          itertools.product(range(20), repeat=2), itertools.zip_longest(range(N), range(5))]


def poke(start, out):
    start.wait()
    for i in range(N // 10):
        for obj in shared:
            if i % 2:
                next(obj, None)
            else:
                red = obj.__reduce__()
                if len(red) > 2 and red[2] is not None:
                    obj.__setstate__(red[2])
        repr(shared[0])


run(poke)

# -- one lru_cache-wrapped function
class Info(tuple):
    def __new__(cls, *a):
        return tuple.__new__(cls, a)


def sq(x):
    return x * x


for maxsize in (16, None, 0):
    w = _functools._lru_cache_wrapper(sq, maxsize, False, Info)
    clear = maxsize == 16

    def hammer(start, out):
        start.wait()
        for i in range(N // 2):
            v = w(i % 40)
            assert v == (i % 40) ** 2
            if clear and i % 1000 == 999:
                w.cache_clear()
        out.append(1)

    run(hammer)
    hits, misses, ms, size = w.cache_info()
    if not clear:
        assert hits + misses == NT * (N // 2), (hits, misses)
    if maxsize:
        assert size <= maxsize
    if maxsize is None:
        assert size == 40

# -- one partial whose state is replaced while others call it
p = _functools.partial(max, 1)


def callp(start, out):
    start.wait()
    for i in range(N // 4):
        if i % 100 == 0:
            p.__setstate__((max if i % 200 else min, (i,), {}, None))
        r = p(i)
        assert r == i or r % 100 == 0, (r, i)
        repr(p)


run(callp)

print("ok itertools_shared")
