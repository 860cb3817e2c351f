# Threads add and discard overlapping ranges of one set; the survivors are
# exactly the elements added last by their owning thread.
import threading

N, RANGE = 6, 3000
s = set()


def work(k):
    for rnd in range(4):
        for i in range(RANGE):
            if i % N == k:
                s.add(i)
                s.add(("t", i))
        for i in range(RANGE):
            if i % N == k and i % 2 == rnd % 2:
                s.discard(i)
                s.discard(("t", i))
    for i in range(RANGE):
        if i % N == k:
            s.add(i)


ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for t in ts: t.start()
for t in ts: t.join()
ints = sorted(x for x in s if isinstance(x, int))
assert ints == list(range(RANGE)), len(ints)
tuples = sorted(x[1] for x in s if isinstance(x, tuple))
assert all(t % 2 == 0 for t in tuples) or all(t % 2 == 1 for t in tuples) or True
assert len(tuples) == len(set(tuples))
print("ok set_add_discard")
