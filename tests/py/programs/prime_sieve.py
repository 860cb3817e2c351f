# prime sieves, factorization and a few number theory helpers
def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for m in range(p * p, limit + 1, p):
                is_prime[m] = False
        p += 1
    return [i for i, flag in enumerate(is_prime) if flag]

def segmented_count(lo, hi, base):
    flags = [True] * (hi - lo)
    for p in base:
        if p * p >= hi:
            break
        start = max(p * p, (lo + p - 1) // p * p)
        for m in range(start, hi, p):
            flags[m - lo] = False
    return sum(flags)

def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors

def is_probable_prime(n):
    if n < 2:
        return False
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True

primes = sieve(10000)
print(len(primes), primes[:20], primes[-5:])
print("sum below 10000:", sum(primes))
print("primes in [10000, 20000):", segmented_count(10000, 20000, primes))
twins = [(p, q) for p, q in zip(primes, primes[1:]) if q - p == 2]
print(len(twins), twins[:6], twins[-1])
gaps = {}
for p, q in zip(primes, primes[1:]):
    gaps[q - p] = gaps.get(q - p, 0) + 1
print(sorted(gaps.items())[:10], max(gaps))
for n in [360, 9973, 2 ** 32 + 1, 600851475143, 2 ** 61 - 1, 1234567890]:
    f = factorize(n) if n < 10 ** 13 else {n: 1}
    print(n, " * ".join("%d^%d" % kv if kv[1] > 1 else str(kv[0]) for kv in sorted(f.items())))
mersenne = [p for p in primes[:30] if is_probable_prime(2 ** p - 1)]
print("Mersenne exponents:", mersenne)
print(is_probable_prime(2 ** 89 - 1), is_probable_prime(2 ** 89 + 1), is_probable_prime(10 ** 18 + 9))
goldbach = {}
pset = set(primes)
for even in range(4, 101, 2):
    goldbach[even] = next(p for p in primes if even - p in pset)
print([goldbach[e] for e in range(4, 41, 2)])
