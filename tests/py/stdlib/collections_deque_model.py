# _collections.deque against a list model: long random-like sequences of
# operations at both ends and in the middle (ring wrap-around, growth and
# shrinking), with and without maxlen.
from _collections import deque

seed = 2024
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2**31
    return seed % n

def check(d, model, maxlen):
    assert list(d) == model, (list(d), model)
    assert len(d) == len(model)
    assert list(reversed(d)) == model[::-1]
    if model:
        i = rnd(len(model))
        assert d[i] == model[i] and d[-1 - i] == model[-1 - i]

for maxlen in [None, 1, 7, 64, 200]:
    d = deque(maxlen=maxlen)
    model = []
    def trim_left():
        if maxlen is not None:
            del model[:max(0, len(model) - maxlen)]
    def trim_right():
        if maxlen is not None:
            del model[maxlen:]
    for step in range(3000):
        op = rnd(14)
        v = step
        if op < 3:
            d.append(v); model.append(v); trim_left()
        elif op < 5:
            d.appendleft(v); model.insert(0, v); trim_right()
        elif op == 5 and model:
            assert d.pop() == model.pop()
        elif op == 6 and model:
            assert d.popleft() == model.pop(0)
        elif op == 7:
            k = rnd(9) - 4
            d.rotate(k)
            if model:
                k %= len(model)
                model[:] = model[-k:] + model[:-k] if k else model
        elif op == 8 and model:
            i = rnd(len(model))
            del d[i]; del model[i]
        elif op == 9 and (maxlen is None or len(model) < maxlen):
            i = rnd(len(model) + 3) - 1
            d.insert(i, v); model.insert(i, v)
        elif op == 10:
            xs = list(range(v, v + rnd(5)))
            d.extend(xs); model.extend(xs); trim_left()
        elif op == 11:
            xs = list(range(v, v + rnd(5)))
            d.extendleft(xs); model[:0] = xs[::-1]; trim_right()
        elif op == 12 and model:
            x = model[rnd(len(model))]
            d.remove(x); model.remove(x)
        elif op == 13 and rnd(40) == 0:
            d.clear(); model.clear()
        check(d, model, maxlen)
    print(maxlen, len(d), list(d)[:5], d.count(model[0]) if model else 0)

big = deque()
for i in range(10000):
    big.append(i)
for i in range(9990):
    big.popleft()
print(list(big), big[0], big[-1])
big.extendleft(range(1000))
for i in range(1000):
    assert big.popleft() == 999 - i
print(len(big), big.index(9995))
