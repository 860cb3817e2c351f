# Threads share one _random.Random: every draw is atomic, so the values the
# threads get together are exactly the values of the one sequence (as a
# multiset); getstate/setstate/seed racing with draws never tear the state.
import threading
import _random

N = 6
K = 4000
r = _random.Random(12345)
out = [[] for _ in range(N)]


def draw(k):
    o = out[k]
    for i in range(K):
        if i % 2:
            o.append(r.random())
        else:
            o.append(r.getrandbits(53) / 9007199254740992.0 + 2.0)


threads = [threading.Thread(target=draw, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
got = sorted(x for o in out for x in o)

# The same draws, in some order, from one thread: random() and
# getrandbits(53) take two words each, so the sequence splits into pairs.
ref = _random.Random(12345)
st = ref.getstate()
words = []
for i in range(N * K):
    words.append((ref.getrandbits(32), ref.getrandbits(32)))
errors = []
cands = set()
for a, b in words:
    cands.add(((a >> 5) * 67108864.0 + (b >> 6)) * (1.0 / 9007199254740992.0))
    cands.add(((b >> 11) << 32 | a) / 9007199254740992.0 + 2.0)
for x in got:
    if x not in cands:
        errors.append(x)
        break
if len(got) != N * K:
    errors.append('count')

# seed / setstate racing with draws
stop = []


def mutate():
    s = _random.Random(1).getstate()
    i = 0
    while not stop:
        i += 1
        if i % 2:
            r.setstate(s)
        else:
            r.seed(i)
        st = r.getstate()
        if len(st) != 625 or not 0 <= st[-1] <= 624:
            errors.append('state')


def use():
    for i in range(K):
        x = r.random()
        if not 0.0 <= x < 1.0:
            errors.append('range')
        r.getrandbits(100)


ms = [threading.Thread(target=mutate) for _ in range(2)]
us = [threading.Thread(target=use) for _ in range(4)]
for t in ms + us:
    t.start()
for t in us:
    t.join()
stop.append(1)
for t in ms:
    t.join()
print(errors[:3] if errors else 'ok random_shared')
