# Arbitrary-precision integers: factorials, powers, digit sums, division.
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def digit_sum(n):
    s = 0
    while n:
        n, d = divmod(n, 10 ** 18)
        while d:
            s += d % 10
            d //= 10
    return s


def fib_big(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def pow_mod_manual(b, e, m):
    r = 1
    b %= m
    while e:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r


def main():
    f = factorial(6000)
    s1 = digit_sum(f)
    s2 = len(str(factorial(1000))) + len(repr(fib_big(15000)))
    p = 3 ** 50000
    s3 = digit_sum(p) + (p % 1000000007)
    fb = fib_big(50000)
    s4 = fb % 1000000007 + fb.bit_length()
    m = (1 << 521) - 1
    s5 = pow_mod_manual(12345678901234567890, 10 ** 40 + 7, m) % 1000000007
    s6 = pow(7, 10 ** 30, m) % 1000000007
    q, r = divmod(f, p)
    s7 = q.bit_length() + r % 99991
    neg = -(f // 3) >> 100
    s8 = neg % 1000003 + (f & ((1 << 200) - 1)) % 1000003 + (f ^ p) % 97
    return ("bigint checksum", s1, s2, s3, s4, s5, s6, s7, s8)


for _rep in range(18):
    result = main()
print(*result)
