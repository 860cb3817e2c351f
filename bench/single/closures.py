# Closures: nested functions, nonlocal, lambdas, sorted with key, map/filter.
def make_adder(n):
    def add(x):
        return x + n
    return add


def make_counter():
    count = 0

    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


def compose(f, g):
    return lambda x: f(g(x))


def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x


def main():
    total = 0
    adders = [make_adder(i) for i in range(50)]
    for rep in range(4000):
        for a in adders:
            total += a(rep)
    counter = make_counter()
    for i in range(300000):
        counter(i & 3)
    total += counter(0)
    f = compose(make_adder(3), lambda x: x * 2 % 1000003)
    total += apply_n(f, 300000, 1)
    data = [(i * 7919) % 10007 for i in range(40000)]
    for rep in range(5):
        s = sorted(data, key=lambda v: (v % 100, -v))
        total += s[0] + s[-1] + s[len(s) // 2]
        words = [str(v) for v in data[:10000]]
        w = sorted(words, key=len)
        total += len(w[-1])
    total += sum(map(lambda v: v & 15, data))
    total += len(list(filter(lambda v: v % 3 == 0, data)))
    return ("closure checksum", total)


for _rep in range(7):
    result = main()
print(*result)
