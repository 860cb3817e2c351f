import _random
r = _random.Random(42)
print(r.random(), r.random())
for s in [0, 1, -5, 2**32, 2**32-1, 2**100+7, -(2**70), 12345678901234567890, True]:
    r.seed(s); print(s, r.random(), r.getrandbits(1), r.getrandbits(32), r.getrandbits(33), r.getrandbits(100), r.getrandbits(0))
for s in [1.5, 'abc', b'xy', (1, 2), None.__class__]:
    try:
        r.seed(s); print(type(s).__name__, 'seeded')
    except Exception as e: print(type(e).__name__, e)
r.seed(3.0); a = r.random(); r.seed(3); print(a == r.random())
r.seed('abc'); a = r.random(); r.seed(hash('abc')); print(a == r.random())
r2 = _random.Random(7)
st = r2.getstate()
print(type(st).__name__, len(st), st[-1], st[0], st[1], st[623])
x = [r2.random() for i in range(700)]
st2 = r2.getstate(); print(st2[-1])
r2.setstate(st)
print(x == [r2.random() for i in range(700)])
print(sum(r2.getrandbits(64) for i in range(1000)) % 1000003)
for bad in [[1]*625, (1,)*624, (1,)*624 + (625,), (1,)*624 + (-1,), (-1,)*625, ('a',)*625, (2**64,)*625, (1,)*624 + (1.5,), (2**32+5,)*624 + (624,), 5]:
    try:
        r2.setstate(bad); print('set', r2.random())
    except Exception as e: print(type(e).__name__, e)
for f in [lambda: r.getrandbits(-1), lambda: r.getrandbits(1.5), lambda: r.getrandbits(), lambda: r.random(1), lambda: r.seed(1, 2),
          lambda: _random.Random(1, 2), lambda: _random.Random(x=1), lambda: r.seed(x=1), lambda: r.setstate(), lambda: r.getrandbits(2**70)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
class R(_random.Random):
    def __init__(self, x, y=0):
        super().__init__(x + y)
print(R(40, 2).random() == _random.Random(42).random())
class R2(_random.Random): pass
print(R2(5).random() == _random.Random(5).random())
try: R2(1, 2)
except Exception as e: print(type(e).__name__, e)
try: R2(x=1)
except Exception as e: print(type(e).__name__, e)
print(_random.Random.__module__, _random.Random.__name__, [n for n in dir(_random.Random) if not n.startswith('_')])
print(_random.Random.random.__doc__)
print(type(_random.Random().random()).__name__)
