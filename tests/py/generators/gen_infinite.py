# infinite generators and taking from them
def naturals(start=0):
    n = start
    while True:
        yield n
        n += 1
def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out
print(take(5, naturals()), take(3, naturals(10)))
def primes():
    found = []
    for n in naturals(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
print(take(15, primes()))
def cycle(seq):
    while True:
        for x in seq:
            yield x
c = cycle("abc")
print([next(c) for _ in range(7)])
def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
print(list(collatz(27))[:10], len(list(collatz(27))))
def pairwise(it):
    it = iter(it)
    prev = next(it)
    for x in it:
        yield prev, x
        prev = x
print(list(pairwise(range(5))))
squares = (n * n for n in naturals())
for s in squares:
    if s > 50:
        print("first square over 50:", s)
        break
print(next(squares))
