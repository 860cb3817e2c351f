# Generator pipelines: yield, yield from, generator expressions.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squares(src):
    for x in src:
        yield x * x


def take_mod(src, m):
    for x in src:
        yield x % m


def chunks(src, size):
    buf = []
    for x in src:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def flatten(lists):
    for l in lists:
        yield from l


def fib_gen():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, (a + b) % 1000000007


def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x


def main():
    s1 = sum(take_mod(squares(evens(numbers(600000))), 1000))
    s2 = sum(len(c) + c[0] for c in chunks(numbers(300000), 7))
    s3 = sum(flatten(chunks(numbers(200000), 11)))
    g = fib_gen()
    s4 = 0
    for _ in range(200000):
        s4 ^= next(g)
    acc = accumulator()
    next(acc)
    s5 = 0
    for i in range(200000):
        s5 = acc.send(i % 97)
    s6 = sum(x for x in range(300000) if x % 3 == 1)
    s7 = max((x * 7) % 1001 for x in numbers(200000))
    return ("generator checksum", s1, s2, s3, s4, s5, s6, s7)


for _rep in range(10):
    result = main()
print(*result)
